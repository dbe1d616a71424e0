import type { Database, Queryable } from '../../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { type AuditContent, type ChainRow, chainHash, GENESIS_HASH, verifyChain } from './audit-chain.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  regionCode?: string | null;
  reason?: string | null;
  detail?: Record<string, unknown> | null;
}

/**
 * Appends one audit row inside the caller's transaction. A transaction-scoped advisory lock orders writers so the
 * chain stays linear; the row commits or rolls back with the change it describes.
 */
export async function recordAudit(tx: Queryable, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(7410002)');
  const { rows } = await tx.query<{ hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const prevHash = rows[0]?.hash ?? GENESIS_HASH;
  const content: AuditContent = {
    at: new Date().toISOString(),
    actorType: actor.kind,
    actorId: actor.id,
    actorName: actor.name,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    regionCode: entry.regionCode ?? null,
    ip: actor.ip ?? null,
    reason: entry.reason ?? null,
    detail: entry.detail ?? null,
  };
  const hash = chainHash(prevHash, content);
  await tx.query(
    `INSERT INTO audit_log (at, actor_type, actor_id, actor_name, action, entity_type, entity_id, region_code, ip,
       reason, detail, prev_hash, hash)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
    [
      content.at,
      content.actorType,
      content.actorId,
      content.actorName,
      content.action,
      content.entityType,
      content.entityId,
      content.regionCode,
      content.ip,
      content.reason,
      content.detail === null ? null : JSON.stringify(content.detail),
      prevHash,
      hash,
    ],
  );
}

interface AuditDbRow {
  id: number;
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
  prev_hash: string;
  hash: string;
}

function toChainRow(r: AuditDbRow): ChainRow {
  return {
    id: Number(r.id),
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
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** Re-computes the whole chain in pages; reports the first row that was edited, or follows a deleted one. */
export async function verifyAuditChain(
  db: Database,
  onProgress?: (checked: number) => void,
): Promise<{ ok: boolean; checked: number; firstBadId?: number }> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const { rows } = await db.query<AuditDbRow>('SELECT * FROM audit_log WHERE id > $1 ORDER BY id LIMIT 5000', [
      lastId,
    ]);
    if (rows.length === 0) break;
    const chain = rows.map(toChainRow);
    const result = verifyChain(chain, prev);
    if (!result.ok)
      return {
        ok: false,
        checked: checked + chain.findIndex((r) => r.id === result.firstBadId),
        firstBadId: result.firstBadId,
      };
    checked += chain.length;
    prev = chain[chain.length - 1].hash;
    lastId = chain[chain.length - 1].id;
    onProgress?.(checked);
  }
  return { ok: true, checked };
}

export interface AuditSearch {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** Audit search, limited to rows in the reader's region scope (rows without a region are installation-wide). */
export async function searchAudit(db: Queryable, actor: Actor, q: AuditSearch) {
  const where: string[] = ["(region_code LIKE $1 OR ($2 = '' AND region_code IS NULL))"];
  const params: unknown[] = [`${actor.regionScope}%`, actor.regionScope];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (q.actor) add('actor_name LIKE ?', `%${q.actor}%`);
  if (q.action) add('action = ?', q.action);
  if (q.entityType) add('entity_type = ?', q.entityType);
  if (q.entityId) add('entity_id = ?', q.entityId);
  if (q.from) add('at >= ?::date', q.from);
  if (q.to) add("at < (?::date + interval '1 day')", q.to);
  const w = where.join(' AND ');
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE ${w}`, params);
  params.push(q.pageSize, (q.page - 1) * q.pageSize);
  const { rows } = await db.query<AuditDbRow>(
    `SELECT * FROM audit_log WHERE ${w} ORDER BY id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return {
    total: total.rows[0].n,
    items: rows.map((r) => ({
      id: Number(r.id),
      at: new Date(r.at).toISOString(),
      actorName: r.actor_name,
      actorType: r.actor_type,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      regionCode: r.region_code,
      ip: r.ip,
      reason: r.reason,
      detail: r.detail,
    })),
  };
}
