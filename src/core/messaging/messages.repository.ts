import type { Queryable } from '../../db/database.ts';

/** One message to write; dedupeKey makes writing it again (a repeated event, a second job run) a no-op. */
export interface NewMessage {
  userId: string;
  kind: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string | null;
  bodyEn: string | null;
  caseId: string | null;
  regionCode: string | null;
  dedupeKey: string;
}

export interface MessageRow {
  id: string;
  kind: string;
  title_zh: string;
  title_en: string;
  body_zh: string | null;
  body_en: string | null;
  case_id: string | null;
  created_at: Date | string;
  read_at: Date | string | null;
}

const MESSAGE_COLUMNS = 'id, kind, title_zh, title_en, body_zh, body_en, case_id, created_at, read_at';

/** Writes messages in one statement; those already written under the same (user, dedupe key) are skipped. */
export async function insertMessages(tx: Queryable, messages: NewMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  const column = <K extends keyof NewMessage>(k: K) => messages.map((m) => m[k]);
  const { rowCount } = await tx.query(
    `INSERT INTO message (user_id, kind, title_zh, title_en, body_zh, body_en, case_id, region_code, dedupe_key)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[],
       $8::text[], $9::text[])
     ON CONFLICT (user_id, dedupe_key) DO NOTHING`,
    [
      column('userId'),
      column('kind'),
      column('titleZh'),
      column('titleEn'),
      column('bodyZh'),
      column('bodyEn'),
      column('caseId'),
      column('regionCode'),
      column('dedupeKey'),
    ],
  );
  return rowCount;
}

/** One user's inbox, newest first. Every query here is keyed by the owner: nobody reads another's messages. */
export async function listMessages(
  db: Queryable,
  userId: string,
  opts: { unreadOnly: boolean; limit: number; offset: number },
): Promise<{ total: number; unread: number; rows: MessageRow[] }> {
  const counts = await db.query<{ total: number; unread: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
     FROM message WHERE user_id = $1`,
    [userId],
  );
  const { rows } = await db.query<MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM message WHERE user_id = $1 ${opts.unreadOnly ? 'AND read_at IS NULL' : ''}
     ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
    [userId, opts.limit, opts.offset],
  );
  const c = counts.rows[0];
  return { total: opts.unreadOnly ? c.unread : c.total, unread: c.unread, rows };
}

export async function countUnreadMessages(db: Queryable, userId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM message WHERE user_id = $1 AND read_at IS NULL',
    [userId],
  );
  return rows[0].n;
}

export async function findMessage(db: Queryable, userId: string, id: string): Promise<MessageRow | undefined> {
  const { rows } = await db.query<MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM message WHERE id = $1 AND user_id = $2`, [
    id,
    userId,
  ]);
  return rows[0];
}

/** Marks one of the user's messages read (the first read time stays); undefined when it is not theirs. */
export async function markMessageRead(tx: Queryable, userId: string, id: string): Promise<MessageRow | undefined> {
  const { rows } = await tx.query<MessageRow>(
    `UPDATE message SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING ${MESSAGE_COLUMNS}`,
    [id, userId],
  );
  return rows[0];
}

export async function markAllMessagesRead(tx: Queryable, userId: string): Promise<number> {
  const { rowCount } = await tx.query('UPDATE message SET read_at = now() WHERE user_id = $1 AND read_at IS NULL', [
    userId,
  ]);
  return rowCount;
}
