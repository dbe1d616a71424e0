import type { Actor } from '../../../core/auth/actor.ts';
import type { Queryable } from '../../../db/database.ts';
import type { Need } from './application.schema.ts';

/**
 * 分办转办: which department organisation takes a need, and the transfers themselves. Department organisations are
 * `organisation` rows of kind 'department' whose region is a prefix of the household's village (the district's
 * 医疗保障局, 教育委员会, 住房和城乡建设委员会, 人力资源和社会保障局), recognised by their name.
 */

/** Name fragments that identify the department for each need (official names of Chongqing district departments). */
export const DEPARTMENT_NAME_FRAGMENTS: Readonly<Record<Need, string>> = {
  medical: '医疗保障局',
  education: '教育',
  housing: '住房和城乡建设',
  employment: '人力资源和社会保障',
};

export async function findDepartmentOrg(q: Queryable, need: Need, regionCode: string) {
  const { rows } = await q.query<{ id: string; name: string }>(
    `SELECT id, name FROM organisation WHERE kind = 'department' AND position($1 in name) > 0
       AND $2 LIKE region_code || '%' ORDER BY length(region_code) DESC, created_at LIMIT 1`,
    [DEPARTMENT_NAME_FRAGMENTS[need], regionCode],
  );
  return rows[0];
}

export interface TransferRow {
  id: string;
  case_id: string;
  case_no: string;
  region_code: string;
  need: string;
  to_org_id: string;
  to_org_name: string;
  note: string;
  status: string;
  due_on: string;
  reply: string | null;
  replied_by: string | null;
  replied_at: Date | null;
  created_at: Date;
}

const TRANSFER_SELECT = `SELECT t.id, t.case_id, c.case_no, t.region_code, t.need, t.to_org_id, o.name AS to_org_name,
  t.note, t.status, t.due_on, t.reply, t.replied_by, t.replied_at, t.created_at
  FROM assistance_transfer t JOIN wf_case c ON c.id = t.case_id JOIN organisation o ON o.id = t.to_org_id`;

export async function insertTransfer(
  tx: Queryable,
  t: { caseId: string; regionCode: string; need: Need; toOrgId: string; note: string; dueOn: string; by: string },
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO assistance_transfer (case_id, region_code, need, to_org_id, note, due_on, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
    [t.caseId, t.regionCode, t.need, t.toOrgId, t.note, t.dueOn, t.by],
  );
  return rows[0].id;
}

export async function listTransfersOfCase(q: Queryable, caseId: string): Promise<TransferRow[]> {
  const { rows } = await q.query<TransferRow>(`${TRANSFER_SELECT} WHERE t.case_id = $1 ORDER BY t.created_at, t.id`, [
    caseId,
  ]);
  return rows;
}

/**
 * The inbox: a department user sees what was sent to their organisation (within their region scope); civil-affairs
 * staff see the transfers of cases in their scope.
 */
export async function listTransfers(
  q: Queryable,
  actor: Actor,
  f: { byOrg: boolean; status?: string; page: number; pageSize: number },
) {
  const params: unknown[] = [`${actor.regionScope}%`];
  const where = ['t.region_code LIKE $1'];
  if (f.byOrg) {
    params.push(actor.orgId ?? null);
    where.push(`t.to_org_id = $${params.length}`);
  }
  if (f.status) {
    params.push(f.status);
    where.push(`t.status = $${params.length}`);
  }
  const w = where.join(' AND ');
  const total = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM assistance_transfer t WHERE ${w}`, params);
  params.push(f.pageSize, (f.page - 1) * f.pageSize);
  const { rows } = await q.query<TransferRow>(
    `${TRANSFER_SELECT} WHERE ${w} ORDER BY t.status = 'replied', t.due_on, t.created_at
     LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { total: total.rows[0].n, rows };
}

export async function findTransferForOrg(q: Queryable, actor: Actor, id: string): Promise<TransferRow | undefined> {
  const { rows } = await q.query<TransferRow>(
    `${TRANSFER_SELECT} WHERE t.id = $1 AND t.to_org_id = $2 AND t.region_code LIKE $3 FOR UPDATE OF t`,
    [id, actor.orgId ?? null, `${actor.regionScope}%`],
  );
  return rows[0];
}

export async function replyTransfer(tx: Queryable, id: string, reply: string, by: string): Promise<void> {
  await tx.query(
    `UPDATE assistance_transfer SET status = 'replied', reply = $2, replied_by = $3, replied_at = now() WHERE id = $1`,
    [id, reply, by],
  );
}
