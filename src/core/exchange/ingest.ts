import { createHash } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { type Actor, systemActor } from '../auth/actor.ts';
import { emitEvent } from '../events/event-bus.ts';
import type { FieldCipher } from '../shared/crypto.ts';
import { AppError, type FieldError, notFound } from '../shared/errors.ts';
import { stableStringify } from '../shared/stable-json.ts';
import { findCategory } from './catalogue.repository.ts';
import { checkExchangeRow, type StoredRecord, toStoredRecord } from './exchange-row.ts';
import { recordsCsv, refreshRecordStatistics, writeRecordChunk } from './record-chunk.ts';

export const BATCH_COMPLETED = 'exchange.batch_completed';

export type BatchSource = 'file' | 'api' | 'simulator';

export interface BadRow {
  line: number;
  errors: FieldError[];
}

export interface IngestProgress {
  read: number;
  bad: number;
  /** Rows written by this run so far (a resumed batch counts only what it adds). */
  written: number;
}

export interface IngestOptions {
  source: BatchSource;
  createdBy: string;
  /** Who is audited for the batch; default a system actor named createdBy. */
  actor?: Actor;
  clientId?: string;
  fileName?: string;
  /** Hash of the whole input (a file's SHA-256); computed from the rows when they are an array. */
  contentHash?: string;
  chunkSize?: number;
  /** Bad rows kept with the batch (line and reasons, never values); counts stay exact beyond it. */
  maxReported?: number;
  today?: Date;
  onProgress?: (p: IngestProgress) => void | Promise<void>;
}

export interface IngestResult {
  batchId: string;
  categoryCode: string;
  total: number;
  stored: number;
  duplicates: number;
  bad: number;
  errors: BadRow[];
  /** The same content was ingested before: nothing was read again and nothing stored. */
  repeated: boolean;
}

export interface LineRow {
  line: number;
  values: Record<string, unknown>;
}

/** SHA-256 of rows as canonical JSON: the same rows in the same order are the same batch. */
export function hashRows(rows: readonly Record<string, unknown>[]): string {
  const h = createHash('sha256');
  const canonical = flatRowStringifier();
  for (const r of rows) h.update(canonical(r)).update('\n');
  return h.digest('hex');
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * stableStringify, faster for the usual row (one level of strings, numbers, booleans, nulls with the same keys as
 * the row before): the sorted key order and the `"key":` prefixes are kept between rows. The output is the same
 * text (a batch hashed before is recognised again); any other value goes through stableStringify.
 */
export function flatRowStringifier(): (row: Record<string, unknown>) => string {
  let keys: string[] = [];
  let sorted: string[] = [];
  let prefixes: string[] = [];
  const sameKeys = (next: string[]) => next.length === keys.length && next.every((k, i) => k === keys[i]);
  return (row) => {
    const next = Object.keys(row);
    if (!sameKeys(next)) {
      keys = next;
      sorted = [...next].sort(byCodeUnit);
      prefixes = sorted.map((k) => `${JSON.stringify(k)}:`);
    }
    let text = '{';
    for (let i = 0; i < sorted.length; i++) {
      const v = row[sorted[i]];
      if (v === undefined) continue;
      if (v !== null && typeof v === 'object') return stableStringify(row);
      text += `${text.length > 1 ? ',' : ''}${prefixes[i]}${JSON.stringify(v)}`;
    }
    return `${text}}`;
  };
}

/**
 * Ingests department records of one category (H8's benchmark and the simulator call this directly): every row
 * checked, good rows stored once (category + record key), bad rows counted and the first `maxReported` kept with
 * their row numbers (1-based positions in `rows`). The same rows twice add nothing; a run interrupted at any point
 * and started again finishes with exact counts.
 */
export async function ingestRows(
  db: Database,
  cipher: FieldCipher,
  categoryCode: string,
  rows: readonly Record<string, unknown>[] | AsyncIterable<Record<string, unknown>>,
  options: IngestOptions,
): Promise<IngestResult> {
  let contentHash = options.contentHash;
  if (!contentHash) {
    if (!Array.isArray(rows)) throw new Error('ingestRows: contentHash is required for a streamed input');
    contentHash = hashRows(rows);
  }
  async function* numbered(): AsyncIterable<LineRow> {
    let line = 0;
    for await (const values of rows as AsyncIterable<Record<string, unknown>>) yield { line: ++line, values };
  }
  // An array is read synchronously (no promise per row).
  const lines = Array.isArray(rows) ? rows.map((values, i) => ({ line: i + 1, values })) : numbered();
  return ingestLines(db, cipher, categoryCode, lines, { ...options, contentHash });
}

/**
 * The cipher's blind index, remembered for the batch (up to 200,000 values, then started afresh): a feed names the
 * same people again and again (a month of wages, several hospital stays), and each index is two SM3 hashes.
 */
export function memoisedBlindIndex(cipher: Pick<FieldCipher, 'blindIndex'>): Pick<FieldCipher, 'blindIndex'> {
  const seen = new Map<string, Buffer>();
  return {
    blindIndex(plain) {
      let index = seen.get(plain);
      if (index === undefined) {
        if (seen.size >= 200_000) seen.clear();
        index = cipher.blindIndex(plain);
        seen.set(plain, index);
      }
      return index;
    },
  };
}

interface OpenBatch {
  id: string;
  status: string;
  total_rows: number;
  stored_rows: number;
  duplicate_rows: number;
  bad_rows: number;
  errors: BadRow[];
}

async function openBatch(db: Database, categoryCode: string, contentHash: string, o: IngestOptions) {
  const inserted = await db.query<OpenBatch>(
    `INSERT INTO exchange_batch (category_code, source, client_id, file_name, content_hash, created_by)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (category_code, content_hash) DO NOTHING
     RETURNING id, status, total_rows, stored_rows, duplicate_rows, bad_rows, errors`,
    [categoryCode, o.source, o.clientId ?? null, o.fileName ?? null, contentHash, o.createdBy],
  );
  if (inserted.rows[0]) return inserted.rows[0];
  const { rows } = await db.query<OpenBatch>(
    `SELECT id, status, total_rows, stored_rows, duplicate_rows, bad_rows, errors FROM exchange_batch
     WHERE category_code = $1 AND content_hash = $2`,
    [categoryCode, contentHash],
  );
  return rows[0];
}

/**
 * The ingestion core for numbered rows (files keep their own line numbers). The batch row is opened first and
 * finished last; in between each chunk is its own transaction (record-chunk.ts: COPY, or INSERT … ON CONFLICT DO
 * NOTHING when the chunk holds stored records), so a crash leaves whole chunks behind and a re-run skips them. Counts
 * come from the table at the end, never from a tally that a crash could lose: stored = records carrying this batch's
 * id, duplicates = good rows − stored. A completed batch refreshes exchange_record's statistics when due.
 */
export async function ingestLines(
  db: Database,
  cipher: FieldCipher,
  categoryCode: string,
  rows: AsyncIterable<LineRow> | Iterable<LineRow>,
  options: IngestOptions & { contentHash: string },
): Promise<IngestResult> {
  const category = await findCategory(db, categoryCode);
  if (!category) throw notFound('data category', '数据类别');
  if (!category.enabled) {
    throw new AppError(
      'exchange.category_disabled',
      `数据类别「${category.nameZh}」已停用,不接收数据`,
      `data category ${category.nameEn} is disabled and accepts no records`,
    );
  }
  const batch = await openBatch(db, categoryCode, options.contentHash, options);
  if (batch.status === 'done') {
    return {
      batchId: batch.id,
      categoryCode,
      total: batch.total_rows,
      stored: 0,
      duplicates: batch.total_rows - batch.bad_rows,
      bad: batch.bad_rows,
      errors: batch.errors,
      repeated: true,
    };
  }
  if (batch.status !== 'running') {
    await db.query(`UPDATE exchange_batch SET status = 'running' WHERE id = $1`, [batch.id]);
  }
  const chunkSize = options.chunkSize ?? 5000;
  const maxReported = options.maxReported ?? 1000;
  const today = options.today ?? new Date();
  const progress: IngestProgress = { read: 0, bad: 0, written: 0 };
  const indexer = memoisedBlindIndex(cipher);
  const errors: BadRow[] = [];
  let good = 0;
  let chunk: StoredRecord[] = [];
  // One chunk is written while the next is checked and hashed.
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (chunk.length === 0) return;
    const records = chunk;
    const csv = recordsCsv(categoryCode, batch.id, records);
    chunk = [];
    await inFlight;
    await options.onProgress?.({ ...progress });
    inFlight = writeRecordChunk(db, categoryCode, batch.id, records, csv).then((n) => {
      progress.written += n;
    });
    // Handled when awaited; this only keeps a failure from counting as unhandled in between.
    inFlight.catch(() => {});
  };
  try {
    /** Checks and keeps one row; true when the chunk is full. */
    const take = (row: LineRow): boolean => {
      progress.read++;
      const checked = checkExchangeRow(category.fields, row.values, today);
      if (!checked.ok) {
        progress.bad++;
        if (errors.length < maxReported) errors.push({ line: row.line, errors: checked.errors });
        return false;
      }
      good++;
      chunk.push(toStoredRecord(category.fields, checked.value, indexer));
      return chunk.length >= chunkSize;
    };
    if (Symbol.asyncIterator in rows) {
      for await (const row of rows) if (take(row)) await flush();
    } else {
      for (const row of rows) if (take(row)) await flush();
    }
    await flush();
    await inFlight;
    await options.onProgress?.({ ...progress });
  } catch (err) {
    await inFlight.catch(() => {});
    await db.query(`UPDATE exchange_batch SET status = 'failed' WHERE id = $1 AND status = 'running'`, [batch.id]);
    throw err;
  }
  const actor = options.actor ?? systemActor(options.createdBy);
  const stored = await db.transaction(async (tx) => {
    const { rows: counted } = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM exchange_record WHERE batch_id = $1',
      [batch.id],
    );
    const n = counted[0].n;
    await tx.query(
      `UPDATE exchange_batch SET status = 'done', total_rows = $2, stored_rows = $3, duplicate_rows = $4,
         bad_rows = $5, errors = $6, finished_at = now()
       WHERE id = $1`,
      [batch.id, progress.read, n, good - n, progress.bad, JSON.stringify(errors)],
    );
    await recordAudit(tx, actor, {
      action: 'exchange.batch',
      entityType: 'exchange_batch',
      entityId: batch.id,
      regionCode: actor.regionScope || null,
      detail: {
        categoryCode,
        source: options.source,
        fileName: options.fileName ?? null,
        total: progress.read,
        stored: n,
        duplicates: good - n,
        bad: progress.bad,
      },
    });
    await emitEvent(tx, BATCH_COMPLETED, { batchId: batch.id, categoryCode });
    return n;
  });
  await refreshRecordStatistics(db, stored);
  return {
    batchId: batch.id,
    categoryCode,
    total: progress.read,
    stored,
    duplicates: good - stored,
    bad: progress.bad,
    errors,
    repeated: false,
  };
}
