import type { Queryable } from '../../db/database.ts';

/**
 * Who should hear about a case: the active holders of a step's candidate role whose jurisdiction covers the case's
 * region and whose role covers its business line (the same people who would see it under 可认领).
 */
export async function listCandidateRecipients(
  db: Queryable,
  c: { role: string; regionCode: string; businessLine: string },
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT DISTINCT u.id FROM app_user u
       JOIN user_role ur ON ur.user_id = u.id
       JOIN role r ON r.code = ur.role_code
     WHERE u.is_active AND ur.role_code = $1 AND $2::text LIKE u.region_scope || '%'
       AND $3::text = ANY(r.business_lines)
     ORDER BY u.id`,
    [c.role, c.regionCode, c.businessLine],
  );
  return rows.map((r) => r.id);
}

/** The given users that are active and whose jurisdiction covers the region (others could not open the case). */
export async function filterRecipientsCoveringRegion(
  db: Queryable,
  userIds: string[],
  regionCode: string,
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM app_user WHERE id = ANY($1::uuid[]) AND is_active AND $2::text LIKE region_scope || '%'
     ORDER BY id`,
    [userIds, regionCode],
  );
  return rows.map((r) => r.id);
}

export async function findUserDisplayName(db: Queryable, userId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ display_name: string }>('SELECT display_name FROM app_user WHERE id = $1', [
    userId,
  ]);
  return rows[0]?.display_name;
}

/**
 * One message per assignee per open case whose current step (or, without a step limit, the whole case) is due by
 * `horizon` or overdue, keyed by case and day so a second run on the same day writes nothing. Set-based: one
 * statement over wf_case however many cases there are.
 */
export async function insertDeadlineMessages(tx: Queryable, today: string, horizon: string): Promise<number> {
  const { rowCount } = await tx.query(
    `INSERT INTO message (user_id, kind, title_zh, title_en, body_zh, body_en, case_id, region_code, dedupe_key)
     SELECT c.assignee_id, 'case.deadline',
       CASE WHEN d.due < $1::date THEN '办件已超期:' ELSE '办件即将到期:' END || c.case_no || '「' || c.title || '」',
       CASE WHEN d.due < $1::date THEN 'Case overdue: ' ELSE 'Case due soon: ' END || c.case_no || ' "' || c.title || '"',
       '办理时限 ' || to_char(d.due, 'YYYY-MM-DD') || ',请及时办理',
       'Due ' || to_char(d.due, 'YYYY-MM-DD') || '; please act on it',
       c.id, c.region_code, 'deadline:' || c.id::text || ':' || $3::text
     FROM wf_case c
       CROSS JOIN LATERAL (SELECT coalesce(c.step_due_on, c.due_on) AS due) d
       JOIN app_user u ON u.id = c.assignee_id AND u.is_active
     WHERE c.closed_at IS NULL AND c.assignee_id IS NOT NULL AND d.due <= $2::date
     ON CONFLICT (user_id, dedupe_key) DO NOTHING`,
    [today, horizon, today],
  );
  return rowCount;
}
