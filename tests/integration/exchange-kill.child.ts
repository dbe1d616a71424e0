/**
 * Child process of exchange-kill.test.ts: ingests a deterministic feed slowly enough to be killed in the middle.
 * argv: <databaseUrl | pglite data dir> <records>
 */
import { ingestRows } from '../../src/core/exchange/ingest.ts';
import { createFieldCipher } from '../../src/core/shared/crypto.ts';
import { openDatabase } from '../../src/db/connect.ts';
import { killFeed } from './exchange-kill.feed.ts';

const [target, count] = process.argv.slice(2);
const db = await openDatabase(
  target.startsWith('postgres') ? { databaseUrl: target, poolSize: 2 } : { dataDir: target },
);
const cipher = createFieldCipher(Buffer.alloc(16, 7), Buffer.alloc(32, 9));
await ingestRows(db, cipher, 'bank_deposit', killFeed(Number(count)), {
  source: 'simulator',
  createdBy: 'kill-test',
  chunkSize: 500,
  onProgress: async (p) => {
    console.log(`written ${p.written}`);
    await new Promise((r) => setTimeout(r, 20));
  },
});
console.log('finished');
await db.close();
