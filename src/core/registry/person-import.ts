import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { Database } from '../../db/database.ts';
import type { FieldCipher } from '../shared/crypto.ts';
import type { FieldError } from '../shared/errors.ts';
import { writePersonBatch } from './person-bulk.ts';
import { type PersonRecord, validatePersonRow } from './person-row.ts';

export interface ImportReport {
  read: number;
  inserted: number;
  duplicates: number;
  rejected: Array<{ line: number; errors: FieldError[] }>;
}

/** Reported rejects are capped so a broken file cannot exhaust memory; counts stay exact. */
const MAX_REPORTED = 10_000;

/**
 * Streams a persons CSV (header row required) into the registry: each row validated, good rows written in batches,
 * bad rows reported with their line numbers. Re-importing the same file adds nothing.
 */
export async function importPersonsCsv(
  db: Database,
  cipher: FieldCipher,
  input: Readable,
  options: { batchSize?: number; onProgress?: (read: number, report: ImportReport) => void; today?: Date } = {},
): Promise<ImportReport & { rejectedCount: number }> {
  const batchSize = options.batchSize ?? 5000;
  const report: ImportReport = { read: 0, inserted: 0, duplicates: 0, rejected: [] };
  let rejectedCount = 0;
  let batch: PersonRecord[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const r = await writePersonBatch(db, cipher, batch);
    report.inserted += r.inserted;
    report.duplicates += r.duplicates.length;
    batch = [];
    options.onProgress?.(report.read, report);
  };
  const parser = input.pipe(parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, info: true }));
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    report.read++;
    const v = validatePersonRow(record, options.today);
    if (!v.ok) {
      rejectedCount++;
      if (report.rejected.length < MAX_REPORTED) report.rejected.push({ line: info.lines, errors: v.errors });
      continue;
    }
    batch.push(v.value);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return { ...report, rejectedCount };
}
