/**
 * Monitoring rules, warnings and notes (the only file besides the evaluation repositories with SQL). Every staff
 * read filters region_code by the actor's scope prefix, so lists, counts, charts and exports obey it.
 */
import type { Actor } from '../../core/auth/actor.ts';
import type { Queryable } from '../../db/database.ts';
import { DEFAULT_RULES, type RuleParams } from './monitoring-rules.ts';

export interface RuleRow {
  code: string;
  name_zh: string;
  name_en: string;
  severity: string;
  due_working_days: number;
  act_role: string;
  enabled: boolean;
  params: RuleParams;
  updated_by: string | null;
  updated_at: Date;
  version: number;
}

export interface WarningRow {
  id: string;
  rule_code: string;
  kind: string;
  person_id: string | null;
  household_id: string | null;
  region_code: string;
  severity: string;
  evidence: Record<string, unknown>;
  status: string;
  assignee_role: string;
  assignee_id: string | null;
  due_on: string;
  escalated_at: Date | null;
  escalation_level: number;
  outcome: string | null;
  outcome_note: string | null;
  case_id: string | null;
  closed_by: string | null;
  closed_at: Date | null;
  created_at: Date;
  version: number;
  person_name: string | null;
  person_id_masked: string | null;
  household_no: string | null;
}

export interface NoteRow {
  id: number;
  kind: string;
  visited_on: string | null;
  note: string;
  actor: string;
  created_at: Date;
}

/** Inserts the shipped rules that are missing; rules an administrator edited keep their values. */
export async function insertMissingRules(tx: Queryable): Promise<number> {
  const { rowCount } = await tx.query(
    `INSERT INTO monitoring_rule (code, name_zh, name_en, severity, due_working_days, act_role, params)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(code text, "nameZh" text, "nameEn" text, severity text,
       "dueWorkingDays" int, "actRole" text, params jsonb)
     ON CONFLICT (code) DO NOTHING`,
    [JSON.stringify(DEFAULT_RULES)],
  );
  return rowCount;
}

export async function listRules(db: Queryable): Promise<RuleRow[]> {
  const { rows } = await db.query<RuleRow>('SELECT * FROM monitoring_rule ORDER BY code');
  return rows;
}

export async function findRule(db: Queryable, code: string): Promise<RuleRow | undefined> {
  const { rows } = await db.query<RuleRow>('SELECT * FROM monitoring_rule WHERE code = $1', [code]);
  return rows[0];
}

export async function updateRule(
  tx: Queryable,
  code: string,
  expectedVersion: number,
  change: { severity: string; dueWorkingDays: number; actRole: string; enabled: boolean; params: RuleParams },
  actor: string,
): Promise<RuleRow | undefined> {
  const { rows } = await tx.query<RuleRow>(
    `UPDATE monitoring_rule SET severity = $3, due_working_days = $4, act_role = $5, enabled = $6, params = $7,
       updated_by = $8, updated_at = now(), version = version + 1
     WHERE code = $1 AND version = $2 RETURNING *`,
    [
      code,
      expectedVersion,
      change.severity,
      change.dueWorkingDays,
      change.actRole,
      change.enabled,
      JSON.stringify(change.params),
      actor,
    ],
  );
  return rows[0];
}

export interface WarningFilter {
  ruleCode?: string;
  kind?: string;
  status?: string;
  regionCode?: string;
  overdue?: boolean;
  assignedToMe?: boolean;
  today: string;
}

/** WHERE clause for the actor's scope plus the filters; pushes its parameters. */
function warningWhere(actor: Actor, f: WarningFilter, params: unknown[]): string {
  params.push(`${actor.regionScope}%`);
  const where = [`w.region_code LIKE $${params.length}`];
  if (f.regionCode) {
    params.push(`${f.regionCode}%`);
    where.push(`w.region_code LIKE $${params.length}`);
  }
  if (f.ruleCode) {
    params.push(f.ruleCode);
    where.push(`w.rule_code = $${params.length}`);
  }
  if (f.kind) {
    params.push(f.kind);
    where.push(`w.kind = $${params.length}`);
  }
  if (f.status) {
    params.push(f.status);
    where.push(`w.status = $${params.length}`);
  }
  if (f.overdue) {
    params.push(f.today);
    where.push(`w.status <> 'closed' AND w.due_on < $${params.length}::date`);
  }
  if (f.assignedToMe) {
    params.push(actor.id);
    where.push(`w.assignee_id::text = $${params.length}`);
  }
  return where.join(' AND ');
}

const WARNING_COLUMNS = `w.*, p.name AS person_name, p.id_masked AS person_id_masked, h.household_no`;
const WARNING_FROM = `monitoring_warning w LEFT JOIN person p ON p.id = w.person_id
  LEFT JOIN household h ON h.id = w.household_id`;

export async function listWarnings(
  db: Queryable,
  actor: Actor,
  f: WarningFilter,
  page: number,
  pageSize: number,
): Promise<{ total: number; rows: WarningRow[] }> {
  const params: unknown[] = [];
  const where = warningWhere(actor, f, params);
  const total = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM monitoring_warning w WHERE ${where}`,
    params,
  );
  params.push(pageSize, (page - 1) * pageSize);
  const { rows } = await db.query<WarningRow>(
    `SELECT ${WARNING_COLUMNS} FROM ${WARNING_FROM} WHERE ${where}
     ORDER BY (w.status = 'closed'), w.due_on, w.created_at, w.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { total: total.rows[0].n, rows };
}

/** Every warning matching the filters in the actor's scope, in pages (for the Excel export). */
export async function* iterateWarnings(db: Queryable, actor: Actor, f: WarningFilter): AsyncGenerator<WarningRow> {
  const pageSize = 1000;
  for (let page = 1; ; page++) {
    const { rows } = await listWarnings(db, actor, f, page, pageSize);
    yield* rows;
    if (rows.length < pageSize) return;
  }
}

export async function findWarningInScope(db: Queryable, actor: Actor, id: string): Promise<WarningRow | undefined> {
  const { rows } = await db.query<WarningRow>(
    `SELECT ${WARNING_COLUMNS} FROM ${WARNING_FROM} WHERE w.id = $1 AND w.region_code LIKE $2`,
    [id, `${actor.regionScope}%`],
  );
  return rows[0];
}

export async function lockWarning(tx: Queryable, id: string): Promise<WarningRow | undefined> {
  const { rows } = await tx.query<WarningRow>(
    `SELECT ${WARNING_COLUMNS} FROM ${WARNING_FROM} WHERE w.id = $1 FOR UPDATE OF w`,
    [id],
  );
  return rows[0];
}

export async function listNotes(db: Queryable, warningId: string): Promise<NoteRow[]> {
  const { rows } = await db.query<NoteRow>(
    `SELECT id, kind, visited_on, note, actor, created_at FROM monitoring_warning_note
     WHERE warning_id = $1 ORDER BY created_at, id`,
    [warningId],
  );
  return rows;
}

export async function insertNote(
  tx: Queryable,
  warningId: string,
  note: { kind: string; visitedOn: string | null; note: string },
  actor: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO monitoring_warning_note (warning_id, kind, visited_on, note, actor) VALUES ($1, $2, $3, $4, $5)`,
    [warningId, note.kind, note.visitedOn, note.note, actor],
  );
  await tx.query(
    `UPDATE monitoring_warning SET status = 'in_progress', version = version + 1 WHERE id = $1 AND status = 'open'`,
    [warningId],
  );
}

export async function closeWarning(
  tx: Queryable,
  id: string,
  close: { outcome: string; note: string; caseId: string | null },
  actor: string,
): Promise<void> {
  await tx.query(
    `UPDATE monitoring_warning SET status = 'closed', outcome = $2, outcome_note = $3, case_id = $4, closed_by = $5,
       closed_at = now(), version = version + 1
     WHERE id = $1`,
    [id, close.outcome, close.note, close.caseId, actor],
  );
}

/**
 * Overdue open warnings not yet escalated today (China time): escalation_level + 1. Returns them with the
 * township they belong to, for the reviewer's message.
 */
export async function escalateOverdue(
  tx: Queryable,
  today: string,
): Promise<Array<{ id: string; region_code: string; rule_code: string; escalation_level: number; due_on: string }>> {
  const { rows } = await tx.query<{
    id: string;
    region_code: string;
    rule_code: string;
    escalation_level: number;
    due_on: string;
  }>(
    `UPDATE monitoring_warning SET escalation_level = escalation_level + 1, escalated_at = now(), version = version + 1
     WHERE status <> 'closed' AND due_on < $1::date
       AND (escalated_at IS NULL OR (escalated_at AT TIME ZONE 'Asia/Shanghai')::date < $1::date)
     RETURNING id, region_code, rule_code, escalation_level, to_char(due_on, 'YYYY-MM-DD') AS due_on`,
    [today],
  );
  return rows;
}

/** Active township reviewers whose scope covers the region (their township prefix). */
export async function findTownshipReviewers(
  db: Queryable,
  townships: string[],
): Promise<Array<{ id: string; region_scope: string }>> {
  const { rows } = await db.query<{ id: string; region_scope: string }>(
    `SELECT u.id, u.region_scope FROM app_user u JOIN user_role ur ON ur.user_id = u.id
     WHERE ur.role_code = 'township_reviewer' AND u.is_active AND u.region_scope = ANY($1::text[])`,
    [townships],
  );
  return rows;
}

export interface WarningStats {
  byRule: Array<{ rule_code: string; open: number; closed: number; overdue: number }>;
  byStatus: Array<{ status: string; n: number }>;
  closeDays: Array<{ rule_code: string; closed: number; avg_days: number | null; max_days: number | null }>;
}

/** Counts by rule and status, overdue, and time to close (calendar days, created → closed), in scope. */
export async function warningStats(db: Queryable, actor: Actor, today: string): Promise<WarningStats> {
  const scope = `${actor.regionScope}%`;
  const byRule = await db.query<WarningStats['byRule'][number]>(
    `SELECT rule_code, count(*) FILTER (WHERE status <> 'closed')::int AS open,
       count(*) FILTER (WHERE status = 'closed')::int AS closed,
       count(*) FILTER (WHERE status <> 'closed' AND due_on < $2::date)::int AS overdue
     FROM monitoring_warning WHERE region_code LIKE $1 GROUP BY rule_code ORDER BY rule_code`,
    [scope, today],
  );
  const byStatus = await db.query<WarningStats['byStatus'][number]>(
    `SELECT status, count(*)::int AS n FROM monitoring_warning WHERE region_code LIKE $1 GROUP BY status ORDER BY status`,
    [scope],
  );
  const closeDays = await db.query<WarningStats['closeDays'][number]>(
    `SELECT rule_code, count(*)::int AS closed,
       round(avg(extract(epoch FROM closed_at - created_at) / 86400)::numeric, 1)::float AS avg_days,
       round(max(extract(epoch FROM closed_at - created_at) / 86400)::numeric, 1)::float AS max_days
     FROM monitoring_warning WHERE region_code LIKE $1 AND status = 'closed' GROUP BY rule_code ORDER BY rule_code`,
    [scope],
  );
  return { byRule: byRule.rows, byStatus: byStatus.rows, closeDays: closeDays.rows };
}

/** Districts (6-digit prefixes) with a live enrollment or, for discovery, any household in scope. */
export async function listDistricts(db: Queryable, scope: string): Promise<string[]> {
  const { rows } = await db.query<{ d: string }>(
    `SELECT DISTINCT left(region_code, 6) AS d FROM household WHERE region_code LIKE $1`,
    [`${scope}%`],
  );
  return rows.map((r) => r.d);
}

/** A case (any line) in the actor's scope, to link as the outcome of a warning. */
export async function caseExistsInScope(db: Queryable, actor: Actor, caseId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM wf_case WHERE id = $1 AND region_code LIKE $2', [
    caseId,
    `${actor.regionScope}%`,
  ]);
  return rows.length > 0;
}

/** The household head (to apply for a household-level warning). */
export async function findHouseholdHead(db: Queryable, householdId: string): Promise<string | null> {
  const { rows } = await db.query<{ head_person_id: string | null }>(
    'SELECT head_person_id FROM household WHERE id = $1',
    [householdId],
  );
  return rows[0]?.head_person_id ?? null;
}

export interface FlagRow {
  person_id: string;
  region_code: string;
  reason: string;
  flagged_by: string;
  created_at: Date;
  person_name: string;
  person_id_masked: string;
}

/** A living person in the actor's scope (to flag), or undefined. */
export async function findPersonRegionInScope(db: Queryable, actor: Actor, personId: string) {
  const { rows } = await db.query<{ region_code: string }>(
    'SELECT region_code FROM person WHERE id = $1 AND region_code LIKE $2 AND deceased_on IS NULL',
    [personId, `${actor.regionScope}%`],
  );
  return rows[0]?.region_code;
}

/** Flags a person at risk; flagging again keeps the first flag (idempotent). Returns whether it was added. */
export async function insertFlag(
  tx: Queryable,
  flag: { personId: string; regionCode: string; reason: string },
  actor: string,
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO monitoring_flag (person_id, region_code, reason, flagged_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (person_id) DO NOTHING`,
    [flag.personId, flag.regionCode, flag.reason, actor],
  );
  return rowCount > 0;
}

export async function deleteFlagInScope(tx: Queryable, actor: Actor, personId: string): Promise<FlagRow | undefined> {
  const { rows } = await tx.query<FlagRow>(
    `DELETE FROM monitoring_flag WHERE person_id = $1 AND region_code LIKE $2
     RETURNING person_id, region_code, reason, flagged_by, created_at, '' AS person_name, '' AS person_id_masked`,
    [personId, `${actor.regionScope}%`],
  );
  return rows[0];
}

export async function listFlags(db: Queryable, actor: Actor, page: number, pageSize: number) {
  const scope = `${actor.regionScope}%`;
  const total = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM monitoring_flag WHERE region_code LIKE $1',
    [scope],
  );
  const { rows } = await db.query<FlagRow>(
    `SELECT f.*, p.name AS person_name, p.id_masked AS person_id_masked
     FROM monitoring_flag f JOIN person p ON p.id = f.person_id
     WHERE f.region_code LIKE $1 ORDER BY f.created_at DESC, f.person_id LIMIT $2 OFFSET $3`,
    [scope, pageSize, (page - 1) * pageSize],
  );
  return { total: total.rows[0].n, rows };
}
