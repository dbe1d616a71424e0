/**
 * The HTTP clients of bench/assistance-apply.bench.ts, in their own thread: real clients are other machines, so they
 * must not share the server's event loop. Runs a closed loop (capacity) or a paced open loop (latency at a rate).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Agent, request } from 'undici';
import { loadTest, paceTest } from './bench-support.ts';

interface Job {
  base: string;
  cookie: string;
  clients: number;
  households: Array<{ id: string; head: string }>;
  /** undefined: closed loop, as fast as the server answers; a number: open loop at that many calls per second */
  rate?: number;
}

const job = workerData as Job;
const dispatcher = new Agent({ connections: job.clients, pipelining: 1 });
const apply = async (i: number) => {
  const h = job.households[i];
  const r = await request(`${job.base}/api/v1/assistance/applications`, {
    method: 'POST',
    headers: { cookie: job.cookie, 'content-type': 'application/json', 'idempotency-key': `bench-${h.id}` },
    body: JSON.stringify({
      householdId: h.id,
      applicantPersonId: h.head,
      channel: 'window',
      area: 'urban',
      incomes: [{ memberId: h.head, category: 'wage', kind: 'wage', amountFen: 1_800_000 }],
      assets: { financialAssetsFen: 1_000_000 },
    }),
    dispatcher,
  });
  const body = await r.body.text();
  if (r.statusCode !== 201) throw new Error(`${r.statusCode} ${body}`);
};
const n = job.households.length;
const result = job.rate ? await paceTest(job.clients, n, job.rate, apply) : await loadTest(job.clients, n, apply);
await dispatcher.close();
parentPort?.postMessage(result);
