/**
 * Department data ingestion: BENCH_RECORDS records (default 1,000,000) spread over all 36 categories through
 * ingestRows (checked, blind-indexed, masked, de-duplicated in chunks, batch row and event), beside a plain COPY of
 * the same stored rows into a copy of exchange_record with the same indexes, in the same run.
 *   BENCH_RECORDS=1000000 BENCH_ENGINES=postgres node_modules/.bin/node bench/exchange-ingest.bench.ts
 */

import { seedExchangeCatalogue } from '../src/core/exchange/catalogue.repository.ts';
import { CATEGORIES } from '../src/core/exchange/catalogue.ts';
import { checkExchangeRow, toStoredRecord } from '../src/core/exchange/exchange-row.ts';
import { ingestRows } from '../src/core/exchange/ingest.ts';
import { simulateRows } from '../src/core/exchange/simulator.ts';
import { makeIdNumber } from '../src/core/registry/id-number.ts';
import { createFieldCipher } from '../src/core/shared/crypto.ts';
import { benchDatabase, engines, fmt } from './bench-support.ts';

const records = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const subjectsCount = Number(process.env.BENCH_SUBJECTS ?? 200_000);
const cipher = createFieldCipher(Buffer.alloc(16, 1), Buffer.alloc(32, 2));

const subjects = Array.from({ length: subjectsCount }, (_, i) =>
  makeIdNumber('500156', `19${String(40 + (i % 60)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`, 1 + (i % 997)),
);
const perCategory = Math.ceil(records / CATEGORIES.length);
const t0 = performance.now();
const feeds = CATEGORIES.map((c) => ({
  code: c.code,
  rows: simulateRows(c.code, c.fields, subjects, perCategory, { seed: 42, asOf: '2026-11-01' }),
}));
const total = feeds.reduce((s, f) => s + f.rows.length, 0);
console.log(
  `generated ${fmt(total)} records in ${CATEGORIES.length} categories in ${fmt((performance.now() - t0) / 1000, 1)} s`,
);

const csvQuote = (s: string) => `"${s.replaceAll('"', '""')}"`;

for (const engine of engines()) {
  const { db, drop } = await benchDatabase(engine);
  try {
    await seedExchangeCatalogue(db);
    const started = performance.now();
    let stored = 0;
    for (const f of feeds) {
      const r = await ingestRows(db, cipher, f.code, f.rows, {
        source: 'simulator',
        createdBy: 'bench',
        chunkSize: 5000,
      });
      stored += r.stored;
    }
    const ingestSeconds = (performance.now() - started) / 1000;

    // Baseline: the same stored rows (prepared outside the timing) by COPY into a same-shaped table.
    await db.exec(
      'CREATE TABLE exchange_record_copy (LIKE exchange_record INCLUDING DEFAULTS INCLUDING INDEXES INCLUDING CONSTRAINTS)',
    );
    const batchId = '00000000-0000-4000-8000-000000000000';
    const lines: string[] = [];
    for (const f of feeds) {
      const fields = CATEGORIES.find((c) => c.code === f.code)?.fields ?? [];
      for (const raw of f.rows) {
        const checked = checkExchangeRow(fields, raw);
        if (!checked.ok) continue;
        const s = toStoredRecord(fields, checked.value, cipher);
        lines.push(
          [
            f.code,
            csvQuote(s.recordKey),
            `\\x${s.subjectIndex.toString('hex')}`,
            s.occurredOn,
            s.amountFen ?? '',
            csvQuote(JSON.stringify(s.payload)),
            batchId,
          ].join(','),
        );
      }
    }
    const copyStarted = performance.now();
    const cols = ['category_code', 'record_key', 'subject_index', 'occurred_on', 'amount_fen', 'payload', 'batch_id'];
    for (let i = 0; i < lines.length; i += 100_000) {
      await db.copyFromCsv('exchange_record_copy', cols, `${lines.slice(i, i + 100_000).join('\n')}\n`);
    }
    const copySeconds = (performance.now() - copyStarted) / 1000;

    // Idempotency under load: the whole feed again adds nothing.
    const againStarted = performance.now();
    let again = 0;
    for (const f of feeds) {
      again += (await ingestRows(db, cipher, f.code, f.rows, { source: 'simulator', createdBy: 'bench' })).stored;
    }
    const againSeconds = (performance.now() - againStarted) / 1000;
    console.log(
      `${engine.padEnd(8)} ingest ${fmt(total)} records: ${fmt(ingestSeconds, 1)} s (${fmt(total / ingestSeconds)} rows/s), stored ${fmt(stored)}` +
        ` | baseline COPY of the same rows: ${fmt(copySeconds, 1)} s (${fmt(lines.length / copySeconds)} rows/s)` +
        ` | same feed again: ${again} new in ${fmt(againSeconds, 2)} s`,
    );
  } finally {
    await drop();
  }
}
