import type { Database } from '../../db/database.ts';
import { uniqueViolation } from '../../db/pg-errors.ts';
import type { StoredRecord } from './exchange-row.ts';

/**
 * Writing one chunk of checked records to exchange_record, each chunk its own transaction. The usual chunk is all
 * new records: COPY, about twice as fast as an INSERT … SELECT over a JSON array on both engines. A chunk holding a
 * record already stored (a re-sent file, a batch resumed after a crash, the same record twice in one file) makes
 * COPY fail on the unique key and roll back; the chunk is then written again by INSERT … ON CONFLICT DO NOTHING,
 * which skips those records. Either way a record (category + record key) is stored once, the first time it comes.
 */

export const RECORD_COLUMNS = [
  'category_code',
  'record_key',
  'subject_index',
  'occurred_on',
  'amount_fen',
  'payload',
  'batch_id',
];

const INSERT_CHUNK = `
  INSERT INTO exchange_record (category_code, record_key, subject_index, occurred_on, amount_fen, payload, batch_id)
  SELECT $1, x.k, decode(x.s, 'hex'), x.o, x.a, x.p, $2
  FROM jsonb_to_recordset($3::jsonb) AS x(k text, s text, o date, a bigint, p jsonb)
  ON CONFLICT (category_code, record_key) DO NOTHING`;

const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;

/**
 * The chunk as COPY's CSV, columns as RECORD_COLUMNS: text quoted (a quoted empty text is '' and fails as a date,
 * as the INSERT would), an absent amount unquoted-empty (NULL), the blind index as bytea hex.
 */
export function recordsCsv(categoryCode: string, batchId: string, records: readonly StoredRecord[]): string {
  const head = quoted(categoryCode);
  let csv = '';
  for (const r of records) {
    csv += `${head},${quoted(r.recordKey)},\\x${r.subjectIndex.toString('hex')},${quoted(r.occurredOn)},${
      r.amountFen ?? ''
    },${quoted(JSON.stringify(r.payload))},${batchId}\n`;
  }
  return csv;
}

/** Writes the chunk (see above; `csv` is recordsCsv of it, made ahead); the number of records it added. */
export async function writeRecordChunk(
  db: Database,
  categoryCode: string,
  batchId: string,
  records: readonly StoredRecord[],
  csv = recordsCsv(categoryCode, batchId, records),
): Promise<number> {
  try {
    return await db.transaction((tx) => tx.copyFromCsv('exchange_record', RECORD_COLUMNS, csv));
  } catch (err) {
    if (uniqueViolation(err) === undefined) throw err;
  }
  const json = JSON.stringify(
    records.map((r) => ({
      k: r.recordKey,
      s: r.subjectIndex.toString('hex'),
      o: r.occurredOn,
      a: r.amountFen,
      p: r.payload,
    })),
  );
  return db.transaction(async (tx) => (await tx.query(INSERT_CHUNK, [categoryCode, batchId, json])).rowCount);
}

/** autovacuum's analyze threshold: autovacuum_analyze_threshold (50) + autovacuum_analyze_scale_factor (0.1) × rows. */
export function recordStatisticsDue(storedRows: number, tableRows: number): boolean {
  return storedRows > 50 + 0.1 * Math.max(tableRows, 0);
}

/**
 * The rule evaluation that follows a batch plans its joins from exchange_record's statistics (hash the batch's
 * records against the registry, or probe an index per record). PGlite has no autovacuum and PostgreSQL's comes up
 * to a minute later, so a batch that changed the table as much as autovacuum reacts to analyses it at once, by
 * autovacuum's threshold. The jsonb payload is left out: no plan reads its statistics, and they are most of the cost.
 */
export async function refreshRecordStatistics(db: Database, storedRows: number): Promise<void> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'exchange_record'::regclass`,
  );
  if (!recordStatisticsDue(storedRows, Number(rows[0]?.n ?? 0))) return;
  await db.exec(
    'ANALYZE exchange_record (category_code, record_key, subject_index, occurred_on, amount_fen, batch_id, received_at)',
  );
}
