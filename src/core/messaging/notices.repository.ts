import type { Queryable } from '../../db/database.ts';
import type { Actor } from '../auth/actor.ts';

export interface NoticeRow {
  id: string;
  title: string;
  body: string;
  target_org_id: string | null;
  target_org_name: string | null;
  target_region: string | null;
  region_code: string;
  publish_on: string;
  expire_on: string | null;
  published_by_name: string;
  created_at: Date | string;
  withdrawn_at: Date | string | null;
  version: number;
  /** When the reading user first opened it (inbox queries only). */
  read_at?: Date | string | null;
  read_count?: number;
  audience_count?: number;
}

const NOTICE_COLUMNS = `n.id, n.title, n.body, n.target_org_id, o.name AS target_org_name, n.target_region, n.region_code,
  to_char(n.publish_on, 'YYYY-MM-DD') AS publish_on, to_char(n.expire_on, 'YYYY-MM-DD') AS expire_on,
  n.published_by_name, n.created_at, n.withdrawn_at, n.version`;

/** Published, not yet expired, not withdrawn on the given day. */
const LIVE = `n.withdrawn_at IS NULL AND n.publish_on <= $1::date AND (n.expire_on IS NULL OR n.expire_on >= $1::date)`;

/** Whether the user u (alias) is addressed: a member of the target organisation or working within the region. */
const ADDRESSES_USER = `((n.target_org_id IS NOT NULL AND n.target_org_id = u.org_id)
  OR (n.target_region IS NOT NULL AND u.region_scope LIKE n.target_region || '%'))`;

/** The audience rule for the signed-in actor ($2 = org id, $3 = region scope, $4 = user id). */
const ADDRESSES_ACTOR = `((n.target_org_id IS NOT NULL AND n.target_org_id = $2::uuid)
  OR (n.target_region IS NOT NULL AND $3::text LIKE n.target_region || '%'))`;

function actorParams(actor: Actor, today: string): unknown[] {
  return [today, actor.orgId ?? null, actor.regionScope, actor.id];
}

/** Notices addressed to the actor and live today, newest first, each with the actor's own read time. */
export async function listNoticesForActor(
  db: Queryable,
  actor: Actor,
  today: string,
  opts: { unreadOnly: boolean; limit: number; offset: number },
): Promise<{ total: number; unread: number; rows: NoticeRow[] }> {
  const params = actorParams(actor, today);
  const from = `FROM notice n LEFT JOIN organisation o ON o.id = n.target_org_id
    LEFT JOIN notice_read r ON r.notice_id = n.id AND r.user_id = $4::uuid
    WHERE ${LIVE} AND ${ADDRESSES_ACTOR}`;
  const counts = await db.query<{ total: number; unread: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE r.read_at IS NULL)::int AS unread ${from}`,
    params,
  );
  const { rows } = await db.query<NoticeRow>(
    `SELECT ${NOTICE_COLUMNS}, r.read_at ${from} ${opts.unreadOnly ? 'AND r.read_at IS NULL' : ''}
     ORDER BY n.publish_on DESC, n.created_at DESC LIMIT $5 OFFSET $6`,
    [...params, opts.limit, opts.offset],
  );
  const c = counts.rows[0];
  return { total: opts.unreadOnly ? c.unread : c.total, unread: c.unread, rows };
}

/** One notice as its reader sees it; undefined when it is not addressed to the actor or not live. */
export async function findNoticeForActor(
  db: Queryable,
  actor: Actor,
  today: string,
  id: string,
): Promise<NoticeRow | undefined> {
  const { rows } = await db.query<NoticeRow>(
    `SELECT ${NOTICE_COLUMNS}, r.read_at FROM notice n LEFT JOIN organisation o ON o.id = n.target_org_id
       LEFT JOIN notice_read r ON r.notice_id = n.id AND r.user_id = $4::uuid
     WHERE n.id = $5 AND ${LIVE} AND ${ADDRESSES_ACTOR}`,
    [...actorParams(actor, today), id],
  );
  return rows[0];
}

/** Records the first read; reading again keeps the first time. Returns the read time. */
export async function markNoticeRead(tx: Queryable, noticeId: string, userId: string): Promise<Date | string> {
  await tx.query(
    'INSERT INTO notice_read (notice_id, user_id) VALUES ($1, $2) ON CONFLICT (notice_id, user_id) DO NOTHING',
    [noticeId, userId],
  );
  const { rows } = await tx.query<{ read_at: Date | string }>(
    'SELECT read_at FROM notice_read WHERE notice_id = $1 AND user_id = $2',
    [noticeId, userId],
  );
  return rows[0].read_at;
}

/** A notice within a publisher's jurisdiction (any status), or undefined. */
export async function findNoticeInScope(db: Queryable, actor: Actor, id: string): Promise<NoticeRow | undefined> {
  const { rows } = await db.query<NoticeRow>(
    `SELECT ${NOTICE_COLUMNS} FROM notice n LEFT JOIN organisation o ON o.id = n.target_org_id
     WHERE n.id = $1 AND n.region_code LIKE $2`,
    [id, `${actor.regionScope}%`],
  );
  return rows[0];
}

/** Every notice within a publisher's jurisdiction with how many of its audience have read it. */
export async function listNoticesInScope(
  db: Queryable,
  actor: Actor,
  limit: number,
  offset: number,
): Promise<{ total: number; rows: NoticeRow[] }> {
  const scope = `${actor.regionScope}%`;
  const total = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM notice WHERE region_code LIKE $1', [
    scope,
  ]);
  const { rows } = await db.query<NoticeRow>(
    `SELECT ${NOTICE_COLUMNS},
       (SELECT count(*)::int FROM notice_read r WHERE r.notice_id = n.id) AS read_count,
       (SELECT count(*)::int FROM app_user u WHERE u.is_active AND u.region_scope LIKE $1 AND ${ADDRESSES_USER})
         AS audience_count
     FROM notice n LEFT JOIN organisation o ON o.id = n.target_org_id
     WHERE n.region_code LIKE $1 ORDER BY n.created_at DESC LIMIT $2 OFFSET $3`,
    [scope, limit, offset],
  );
  return { total: total.rows[0].n, rows };
}

export interface ReceiptRow {
  user_id: string;
  display_name: string;
  org_name: string;
  read_at: Date | string | null;
}

/** The audience of a notice (active users it addresses, within the publisher's scope) and who has read it. */
export async function listNoticeReceipts(db: Queryable, actor: Actor, noticeId: string): Promise<ReceiptRow[]> {
  const { rows } = await db.query<ReceiptRow>(
    `SELECT u.id AS user_id, u.display_name, o.name AS org_name, r.read_at
     FROM notice n CROSS JOIN app_user u JOIN organisation o ON o.id = u.org_id
       LEFT JOIN notice_read r ON r.notice_id = n.id AND r.user_id = u.id
     WHERE n.id = $1 AND u.region_scope LIKE $2 AND ((u.is_active AND ${ADDRESSES_USER}) OR r.user_id IS NOT NULL)
     ORDER BY r.read_at NULLS LAST, u.region_scope, u.display_name`,
    [noticeId, `${actor.regionScope}%`],
  );
  return rows;
}

/** The region of an organisation within the actor's jurisdiction (a notice to it belongs there), or undefined. */
export async function findOrgRegionInScope(db: Queryable, actor: Actor, orgId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ region_code: string }>(
    'SELECT region_code FROM organisation WHERE id = $1 AND region_code LIKE $2',
    [orgId, `${actor.regionScope}%`],
  );
  return rows[0]?.region_code;
}

export async function insertNotice(
  tx: Queryable,
  n: {
    title: string;
    body: string;
    targetOrgId: string | null;
    targetRegion: string | null;
    regionCode: string;
    publishOn: string;
    expireOn: string | null;
    publishedBy: string;
    publishedByName: string;
  },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO notice (title, body, target_org_id, target_region, region_code, publish_on, expire_on, published_by,
       published_by_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      n.title,
      n.body,
      n.targetOrgId,
      n.targetRegion,
      n.regionCode,
      n.publishOn,
      n.expireOn,
      n.publishedBy,
      n.publishedByName,
    ],
  );
  return rows[0].id;
}

/** Withdraws a notice once; false when it was already withdrawn. */
export async function withdrawNotice(tx: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    'UPDATE notice SET withdrawn_at = now(), version = version + 1 WHERE id = $1 AND withdrawn_at IS NULL',
    [id],
  );
  return rowCount === 1;
}
