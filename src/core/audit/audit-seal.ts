import type { Database } from '../../db/database.ts';
import { type AuditContent, type ChainRow, chainHash, GENESIS_HASH, verifyChain } from './audit-chain.ts';

/**
 * The audit chain (ADR 0005). recordAudit appends rows and marks them pending; the sealer links committed pending rows
 * into audit_seal in the order it finds them, one batch per transaction under the chain's advisory lock, so only the
 * sealer ever waits for it. Verification seals what is pending first, then walks the seals.
 */

const CHAIN_LOCK = 7410002;
const BATCH = 5000;

/** An audit_log row as read (ids and bigints may come back as strings). */
export interface AuditContentRow {
  id: number | string;
  at: Date | string;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  region_code: string | null;
  ip: string | null;
  reason: string | null;
  detail: unknown;
}

function toContent(r: AuditContentRow): AuditContent {
  return {
    at: new Date(r.at).toISOString(),
    actorType: r.actor_type,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    regionCode: r.region_code,
    ip: r.ip,
    reason: r.reason,
    detail: r.detail,
  };
}

/**
 * Links every committed pending row into the chain; returns how many were sealed. When another process is sealing,
 * returns 0 at once unless `wait` (verification waits so it sees every committed row sealed).
 */
export async function sealAuditChain(db: Database, options: { wait?: boolean } = {}): Promise<number> {
  let sealed = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      if (options.wait) await tx.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
      else {
        const got = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [CHAIN_LOCK]);
        if (!got.rows[0].ok) return 0;
      }
      const { rows } = await tx.query<AuditContentRow>(
        `SELECT a.* FROM audit_pending p JOIN audit_log a ON a.id = p.audit_id ORDER BY p.audit_id LIMIT $1`,
        [BATCH],
      );
      if (rows.length === 0) return 0;
      const last = await tx.query<{ seq: number | string; hash: string }>(
        'SELECT seq, hash FROM audit_seal ORDER BY seq DESC LIMIT 1',
      );
      let seq = Number(last.rows[0]?.seq ?? 0);
      let prev = last.rows[0]?.hash ?? GENESIS_HASH;
      const seqs: number[] = [];
      const ids: number[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const row of rows) {
        const hash = chainHash(prev, toContent(row));
        seqs.push(++seq);
        ids.push(Number(row.id));
        prevs.push(prev);
        hashes.push(hash);
        prev = hash;
      }
      await tx.query(
        `INSERT INTO audit_seal (seq, audit_id, prev_hash, hash)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[])`,
        [seqs, ids, prevs, hashes],
      );
      await tx.query('DELETE FROM audit_pending WHERE audit_id = ANY($1::bigint[])', [ids]);
      return rows.length;
    });
    sealed += n;
    if (n < BATCH) return sealed;
  }
}

/** Seals on an interval in the background (the server); returns a stop function that waits for a running seal. */
export function startAuditSealer(db: Database, intervalMs = 1000): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => sealAuditChain(db)).catch(() => {});
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/**
 * Seals what is pending, then re-computes the whole chain in pages of seals. Reports the first audit row that was
 * edited, whose seal is missing or broken, or that was slipped in without going through recordAudit.
 */
export async function verifyAuditChain(
  db: Database,
  onProgress?: (checked: number) => void,
): Promise<{ ok: boolean; checked: number; firstBadId?: number }> {
  await sealAuditChain(db, { wait: true });
  let prev = GENESIS_HASH;
  let lastSeq = 0;
  let checked = 0;
  for (;;) {
    const { rows } = await db.query<
      AuditContentRow & {
        seq: string | number;
        audit_id: string | number;
        prev_hash: string;
        hash: string;
        found: boolean;
      }
    >(
      `SELECT s.seq, s.audit_id, s.prev_hash, s.hash, a.id IS NOT NULL AS found, a.at, a.actor_type, a.actor_id,
              a.actor_name, a.action, a.entity_type, a.entity_id, a.region_code, a.ip, a.reason, a.detail
         FROM audit_seal s LEFT JOIN audit_log a ON a.id = s.audit_id
        WHERE s.seq > $1 ORDER BY s.seq LIMIT $2`,
      [lastSeq, BATCH],
    );
    if (rows.length === 0) break;
    const missing = rows.findIndex((r) => !r.found);
    const chain: ChainRow[] = (missing < 0 ? rows : rows.slice(0, missing)).map((r) => ({
      ...toContent(r),
      id: Number(r.audit_id),
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
    const result = verifyChain(chain, prev);
    if (!result.ok) {
      return {
        ok: false,
        checked: checked + chain.findIndex((r) => r.id === result.firstBadId),
        firstBadId: result.firstBadId,
      };
    }
    if (missing >= 0) return { ok: false, checked: checked + missing, firstBadId: Number(rows[missing].audit_id) };
    checked += chain.length;
    prev = chain[chain.length - 1].hash;
    lastSeq = Number(rows[rows.length - 1].seq);
    onProgress?.(checked);
  }
  // a row that is neither sealed nor pending never went through recordAudit
  const stray = await db.query<{ id: string | number }>(
    `SELECT a.id FROM audit_log a
      WHERE NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.audit_id = a.id)
        AND NOT EXISTS (SELECT 1 FROM audit_pending p WHERE p.audit_id = a.id)
      ORDER BY a.id LIMIT 1`,
  );
  if (stray.rows[0]) return { ok: false, checked, firstBadId: Number(stray.rows[0].id) };
  return { ok: true, checked };
}
