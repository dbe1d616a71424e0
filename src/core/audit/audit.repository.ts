import type { Queryable } from '../../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import type { AuditContentRow } from './audit-seal.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  regionCode?: string | null;
  reason?: string | null;
  detail?: Record<string, unknown> | null;
}

/**
 * Appends one audit row inside the caller's transaction, with its pending mark, in one statement and without a lock:
 * the row commits or rolls back with the change it describes, and the sealer links it into the chain after commit
 * (ADR 0005), so concurrent writers never queue behind each other here.
 */
export async function recordAudit(tx: Queryable, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.query(
    `WITH row AS (
       INSERT INTO audit_log (at, actor_type, actor_id, actor_name, action, entity_type, entity_id, region_code, ip,
         reason, detail)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id)
     INSERT INTO audit_pending (audit_id) SELECT id FROM row`,
    [
      new Date().toISOString(),
      actor.kind,
      actor.id,
      actor.name,
      entry.action,
      entry.entityType,
      entry.entityId ?? null,
      entry.regionCode ?? null,
      actor.ip ?? null,
      entry.reason ?? null,
      entry.detail == null ? null : JSON.stringify(entry.detail),
    ],
  );
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
  const { rows } = await db.query<AuditContentRow>(
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
