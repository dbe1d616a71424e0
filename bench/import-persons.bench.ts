/**
 * `huimin import persons.csv` throughput: validation + SM4 encryption + SM3 blind index + de-duplication + COPY,
 * beside a raw COPY of the same rows into a plain table, measured in the same run on each engine.
 *   node_modules/.bin/node --experimental-strip-types bench/import-persons.bench.ts   (BENCH_PERSONS=1000000)
 */
import { createReadStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { villagesOf } from '../src/core/region/region-tree.ts';
import { generatePopulation, toPersonsCsv } from '../src/core/registry/demo-population.ts';
import { importPersonsCsv } from '../src/core/registry/person-import.ts';
import { createFieldCipher } from '../src/core/shared/crypto.ts';
import { benchDatabase, engines, fmt } from './bench-support.ts';

const persons = Number(process.env.BENCH_PERSONS ?? 1_000_000);
const villages = villagesOf('500156').map((v) => ({ code: v.code, name: v.name }));
const file = join(mkdtempSync(join(tmpdir(), 'huimin-bench-')), 'persons.csv');
writeFileSync(file, toPersonsCsv(generatePopulation({ villages, persons, seed: 7, today: '2026-11-25' }).persons));
const cipher = createFieldCipher(Buffer.alloc(16, 1), Buffer.alloc(32, 2));
console.log(`persons.csv: ${fmt(persons)} rows`);

for (const engine of engines()) {
  const { db, drop } = await benchDatabase(engine);
  try {
    const text = readFileSync(file, 'utf8');
    const header = text.slice(0, text.indexOf('\n')).split(',');
    await db.exec(`CREATE UNLOGGED TABLE bench_raw (${header.map((c) => `${c} text`).join(', ')})`);
    let t0 = performance.now();
    const copied = await db.copyFromCsv('bench_raw', header, text.slice(text.indexOf('\n') + 1));
    const rawSecs = (performance.now() - t0) / 1000;

    t0 = performance.now();
    let lastShown = 0;
    const report = await importPersonsCsv(db, cipher, createReadStream(file), {
      batchSize: 10_000,
      onProgress: (read) => {
        if (read - lastShown >= 200_000) {
          lastShown = read;
          process.stdout.write(`  ${engine}: ${fmt(read)} rows\r`);
        }
      },
    });
    const secs = (performance.now() - t0) / 1000;
    console.log(
      `${engine.padEnd(8)} huimin import: ${fmt(report.inserted)} rows in ${fmt(secs, 1)} s = ${fmt(report.read / secs)} rows/s` +
        ` | baseline raw COPY of the same rows: ${fmt(copied)} in ${fmt(rawSecs, 1)} s = ${fmt(copied / rawSecs)} rows/s` +
        ` | ratio ${fmt(secs / rawSecs, 1)}×` +
        (engine === 'postgres' ? ` | goal ≥ 100,000 rows/s: ${report.read / secs >= 100_000 ? 'met' : 'NOT met'}` : ''),
    );
  } finally {
    await drop();
  }
}
