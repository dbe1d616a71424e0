/**
 * Set-based evaluation of the warning rules (the same conditions as rule-predicates.ts, over a whole batch):
 * department records join the registry by blind index (exchange_record.subject_index = person.id_index), the
 * monitored population is every current member of a household with a live 低保/特困/低保边缘/刚性支出困难
 * enrollment (the person only, for per-person enrollments) plus monitoring_flag persons. Each warning is one
 * INSERT … SELECT … ON CONFLICT (dedup_key) DO NOTHING, so re-evaluating the same records adds nothing.
 */
import type { Queryable } from '../../db/database.ts';
import type { RuleCode, RuleParams, Severity, WarningKind } from './monitoring-rules.ts';

export const MONITORED_PROGRAMMES = [
  'minimumLivingAllowance',
  'singlePersonAllowance',
  'extremePovertySupport',
  'lowIncomeMarginal',
  'rigidExpenditureHardship',
];
export const LIVE_STATUSES = ['active', 'suspended', 'gradual_exit'];

const PROGRAMME_LIST = MONITORED_PROGRAMMES.map((p) => `'${p}'`).join(', ');
const STATUS_LIST = LIVE_STATUSES.map((s) => `'${s}'`).join(', ');

/** Person `personId` (current household `householdId`, may be null) is monitored. */
export const monitoredPerson = (
  personId: string,
  householdId: string,
) => `(EXISTS (SELECT 1 FROM assistance_enrollment e
    WHERE e.household_id = ${householdId} AND (e.person_id IS NULL OR e.person_id = ${personId})
      AND e.status IN (${STATUS_LIST}) AND e.programme IN (${PROGRAMME_LIST}))
  OR EXISTS (SELECT 1 FROM monitoring_flag f WHERE f.person_id = ${personId}))`;

/** Person p (current membership hm, may be null) is monitored. */
export const MONITORED_PERSON = monitoredPerson('p.id', 'hm.household_id');

/** Household h has a live monitored enrollment or a flagged current member. */
const MONITORED_HOUSEHOLD = `(EXISTS (SELECT 1 FROM assistance_enrollment e
    WHERE e.household_id = h.id AND e.status IN (${STATUS_LIST}) AND e.programme IN (${PROGRAMME_LIST}))
  OR EXISTS (SELECT 1 FROM monitoring_flag f JOIN household_member fm ON fm.person_id = f.person_id
    AND fm.valid_to IS NULL WHERE fm.household_id = h.id))`;

/**
 * Who acts: the active user with the rule's role whose scope covers the region most closely (the village's own
 * coordinator; for a township role, that township's user).
 */
export function assigneeOf(regionExpr: string, roleParam: string): string {
  return `(SELECT u.id FROM app_user u JOIN user_role ur ON ur.user_id = u.id AND ur.role_code = ${roleParam}
    WHERE u.region_scope <> '' AND ${regionExpr} LIKE u.region_scope || '%' AND u.is_active
    ORDER BY length(u.region_scope) DESC, u.created_at, u.id LIMIT 1)`;
}

/** Per district (6-digit prefix): the 低保 standards in force and the asset multiple. */
export interface DistrictStandard {
  district: string;
  urbanFen: number;
  ruralFen: number;
  assetMultiple: number;
  adultAge: number;
}

export const STANDARDS_TABLE = `jsonb_to_recordset($STD::jsonb) AS s(district text, "urbanFen" int, "ruralFen" int,
  "assetMultiple" int, "adultAge" int)`;

/** Area of a region by its township code (GB/T 10114: 001-099 街道 urban, 100+ 镇/乡 rural). */
export const AREA_OF = (regionExpr: string) =>
  `(CASE WHEN substr(${regionExpr}, 7, 3) < '100' THEN 'urban' ELSE 'rural' END)`;

export interface RuleRun {
  code: RuleCode;
  kind: WarningKind;
  severity: Severity;
  actRole: string;
  dueOn: string;
  params: Required<RuleParams>;
}

export interface InsertedWarning {
  id: string;
  rule_code: string;
  person_id: string | null;
  household_id: string | null;
  region_code: string;
  /** From the evidence, for the death event (null for rules without a record). */
  occurred_on: string | null;
  category_code: string | null;
}

// Only what the caller needs back (the death event): a day's feed inserts tens of thousands of warnings.
export const RETURNING = `RETURNING id, rule_code, person_id, household_id, region_code,
  evidence->>'occurredOn' AS occurred_on, evidence->>'categoryCode' AS category_code`;
const WARNING_COLUMNS = `rule_code, kind, dedup_key, person_id, household_id, region_code, severity, evidence,
  assignee_role`;

/**
 * INSERT … ON CONFLICT (dedup_key) DO NOTHING of the rows `candidates` selects (the columns of WARNING_COLUMNS,
 * then due_on), the assignee looked up once per region and role rather than once per row: a day's feed raises tens
 * of thousands of warnings in a few hundred villages. `ctes` are WITH items the candidates read.
 */
function insertWarnings(candidates: string, ctes = ''): string {
  return `WITH ${ctes ? `${ctes},` : ''} cand (${WARNING_COLUMNS}, due_on) AS MATERIALIZED (${candidates}),
    assignee AS MATERIALIZED (
      SELECT g.region_code, g.role, ${assigneeOf('g.region_code', 'g.role')} AS id
      FROM (SELECT DISTINCT region_code, assignee_role AS role FROM cand) g
    )
    INSERT INTO monitoring_warning (${WARNING_COLUMNS}, assignee_id, due_on)
    SELECT c.rule_code, c.kind, c.dedup_key, c.person_id, c.household_id, c.region_code, c.severity, c.evidence,
      c.assignee_role, a.id, c.due_on
    FROM cand c JOIN assignee a ON a.region_code = c.region_code AND a.role = c.assignee_role
    ON CONFLICT (dedup_key) DO NOTHING
    ${RETURNING}`;
}

const LEVEL = `btrim(r.payload->>'disability_level')`;

/** The dedup key of a record rule's warning; `personId` is the person's id column, `r` the record. */
function recordDedupSql(code: RuleCode, personId: string): string {
  if (code === 'death') return `'death:' || ${personId}`;
  if (code === 'new_severe_disability') return `'new_severe_disability:' || ${personId} || ':' || (${LEVEL})::int`;
  return `$1 || ':' || ${personId} || ':' || r.category_code || ':' || r.record_key`;
}

function recordConditionSql(run: RuleRun, params: unknown[]): string {
  if (run.code === 'large_medical_cost') {
    params.push(run.params.thresholdFen);
    return `AND (CASE WHEN jsonb_typeof(r.payload->'self_paid_fen') = 'number' THEN (r.payload->>'self_paid_fen')::bigint
      ELSE coalesce(r.amount_fen, 0) END) >= $${params.length}::bigint`;
  }
  if (run.code === 'new_severe_disability') {
    params.push(run.params.maxLevel);
    const max = `$${params.length}::int`;
    return `AND ${LEVEL} ~ '^[0-9]+$' AND (${LEVEL})::int BETWEEN 1 AND ${max}
      AND (p.disability_level IS NULL OR p.disability_level > ${max})`;
  }
  if (run.code === 'property_purchase' || run.code === 'vehicle_purchase') {
    return `AND coalesce(r.payload->>'direction', '') <> 'sale' AND coalesce(r.payload->>'status', '') <> 'cancelled'`;
  }
  return '';
}

/** Which stored records a run reads: one batch, or (batchId null) those received since a time (null = all). */
export interface RecordSelection {
  batchId: string | null;
  receivedSince: string | null;
}

/** The category of a batch's records (null when there is no such batch). */
export async function batchCategory(q: Queryable, batchId: string): Promise<string | null> {
  const { rows } = await q.query<{ category_code: string }>('SELECT category_code FROM exchange_batch WHERE id = $1', [
    batchId,
  ]);
  return rows[0]?.category_code ?? null;
}

/** A record rule over the selected records. */
export async function evaluateRecordRule(
  tx: Queryable,
  run: RuleRun,
  selection: RecordSelection,
): Promise<InsertedWarning[]> {
  if (run.params.categories.length === 0) return [];
  const params: unknown[] = [
    run.code,
    run.kind,
    run.severity,
    run.actRole,
    run.dueOn,
    run.params.categories,
    selection.batchId,
    selection.receivedSince,
  ];
  const condition = recordConditionSql(run, params);
  const { rows } = await tx.query<InsertedWarning>(
    insertWarnings(
      `
     SELECT $1::text, $2::text, ${recordDedupSql(run.code, 'r.person_id')}, r.person_id, r.household_id, r.region_code,
       $3::text,
       jsonb_build_object('recordId', r.id, 'categoryCode', r.category_code, 'recordKey', r.record_key,
         'occurredOn', r.occurred_on, 'amountFen', r.amount_fen, 'payload', r.payload, 'batchId', r.batch_id,
         'personDisabilityLevel', r.disability_level),
       $4::text, $5::date
     FROM matched r
     WHERE ${monitoredPerson('r.person_id', 'r.household_id')}`,
      // The selected records about registered persons first, then the enrollment test on those alone: left to
      // itself the planner may hash the registry and test every registered person before joining the records.
      `matched AS MATERIALIZED (
       SELECT r.id, r.category_code, r.record_key, r.occurred_on, r.amount_fen, r.payload, r.batch_id,
         p.id AS person_id, p.region_code, p.disability_level, hm.household_id
       FROM exchange_record r
       JOIN person p ON p.id_index = r.subject_index
       LEFT JOIN household_member hm ON hm.person_id = p.id AND hm.valid_to IS NULL
       WHERE r.category_code = ANY($6::text[]) AND ($7::uuid IS NULL OR r.batch_id = $7::uuid)
         AND ($8::timestamptz IS NULL OR r.received_at >= $8::timestamptz)
         ${condition}
     )`,
    ),
    params,
  );
  return rows;
}

/**
 * Income above the standard for every monitored household touched by the batch's income records: the members'
 * income records over `months` to `today`, averaged per month and per current member, above ratioBp of the
 * standard of the enrollment's area. One warning per household and evaluation month: the day's batches of several
 * income categories (wages, then pensions) raise it once, and the same records again raise nothing.
 */
export async function evaluateIncomeAboveStandard(
  tx: Queryable,
  run: RuleRun,
  selection: RecordSelection,
  today: string,
  standards: DistrictStandard[],
): Promise<InsertedWarning[]> {
  if (run.params.categories.length === 0) return [];
  const { rows } = await tx.query<InsertedWarning>(
    insertWarnings(
      `
     SELECT $1::text, $2::text, $1 || ':' || q.household_id || ':' || to_char($8::date, 'YYYY-MM'), NULL::uuid,
       q.household_id, q.region_code, $3::text,
       jsonb_build_object('perCapitaFen', q.per_capita_fen, 'standardFen', q.standard_fen, 'members', q.members,
         'months', $9::int, 'totalFen', q.total_fen, 'ratioBp', $11::int, 'lastOccurredOn', q.last_on),
       $4::text, $5::date
     FROM priced q
     WHERE q.per_capita_fen * 10000 > q.standard_fen::bigint * $11::int`,
      `subjects AS (
       -- each person once: a month of wages is several records about the same people
       SELECT DISTINCT r.subject_index FROM exchange_record r
       WHERE r.category_code = ANY($6::text[]) AND ($7::uuid IS NULL OR r.batch_id = $7::uuid)
         AND ($12::timestamptz IS NULL OR r.received_at >= $12::timestamptz)
     ), subject_members AS MATERIALIZED (
       -- the subjects in the registry with their current household, before the enrollment test: the test then runs
       -- once per subject, not once per registered person when the planner hashes the registry
       SELECT p.id AS person_id, hm.household_id
       FROM subjects r
       JOIN person p ON p.id_index = r.subject_index
       JOIN household_member hm ON hm.person_id = p.id AND hm.valid_to IS NULL
     ), touched AS (
       -- monitored (MONITORED_PERSON) as joins, so that the planner may hash the live enrollments for a large batch
       SELECT s.household_id FROM subject_members s
       JOIN assistance_enrollment e ON e.household_id = s.household_id
         AND (e.person_id IS NULL OR e.person_id = s.person_id)
         AND e.status IN (${STATUS_LIST}) AND e.programme IN (${PROGRAMME_LIST})
       UNION
       SELECT s.household_id FROM subject_members s JOIN monitoring_flag f ON f.person_id = s.person_id
     ), members AS MATERIALIZED (
       -- every current member of a touched household, by blind index
       SELECT t.household_id, mp.id_index
       FROM touched t
       JOIN household_member m ON m.household_id = t.household_id AND m.valid_to IS NULL
       JOIN person mp ON mp.id = m.person_id
     ), earned AS (
       -- the members' income records in the window: one hash join over the income records or one index probe per
       -- member, whichever the planner finds cheaper (statistics are fresh after each batch, see record-chunk.ts)
       SELECT x.subject_index, sum(x.amount_fen) AS total_fen, max(x.occurred_on) AS last_on
       FROM exchange_record x
       WHERE x.subject_index IN (SELECT id_index FROM members) AND x.category_code = ANY($6::text[])
         AND x.occurred_on > $8::date - make_interval(months => $9::int) AND x.occurred_on <= $8::date
       GROUP BY x.subject_index
     ), income AS (
       SELECT m.household_id, max(e.last_on) AS last_on, count(*)::int AS members,
         coalesce(sum(e.total_fen), 0)::bigint AS total_fen
       FROM members m LEFT JOIN earned e ON e.subject_index = m.id_index
       GROUP BY m.household_id
     ), judged AS (
       SELECT i.*, h.region_code,
         (SELECT e.area FROM assistance_enrollment e WHERE e.household_id = h.id
            AND e.status IN (${STATUS_LIST}) ORDER BY e.created_at LIMIT 1) AS area,
         floor(i.total_fen::numeric / $9::int / i.members)::bigint AS per_capita_fen
       FROM income i JOIN household h ON h.id = i.household_id
     ), priced AS (
       SELECT j.*, CASE WHEN coalesce(j.area, ${AREA_OF('j.region_code')}) = 'urban' THEN s."urbanFen"
         ELSE s."ruralFen" END AS standard_fen
       FROM judged j JOIN ${STANDARDS_TABLE.replace('$STD', '$10')} ON s.district = left(j.region_code, 6)
       -- above the lower of the two standards first: the enrollment's area is then looked up for few households
       WHERE j.per_capita_fen * 10000 > least(s."urbanFen", s."ruralFen")::bigint * $11::int
     )`,
    ),
    [
      run.code,
      run.kind,
      run.severity,
      run.actRole,
      run.dueOn,
      run.params.categories,
      selection.batchId,
      today,
      run.params.months,
      JSON.stringify(standards),
      run.params.ratioBp,
      selection.receivedSince,
    ],
  );
  return rows;
}

/** Several disabled people in one monitored household (registry disability levels of living current members). */
export async function evaluateSeveralDisabled(tx: Queryable, run: RuleRun, scope: string): Promise<InsertedWarning[]> {
  const { rows } = await tx.query<InsertedWarning>(
    insertWarnings(
      `
     SELECT $1::text, $2::text, $1 || ':' || c.household_id || ':' || c.disabled, NULL::uuid, c.household_id,
       c.region_code, $3::text,
       jsonb_build_object('disabledMembers', c.disabled, 'members', c.members, 'minCount', $7::int),
       $4::text, $5::date
     FROM counted c`,
      `counted AS (
       SELECT h.id AS household_id, h.region_code, count(*)::int AS disabled,
         jsonb_agg(jsonb_build_object('personId', p.id, 'level', p.disability_level,
           'category', p.disability_category) ORDER BY p.id) AS members
       FROM household h
       JOIN household_member m ON m.household_id = h.id AND m.valid_to IS NULL
       JOIN person p ON p.id = m.person_id AND p.disability_level IS NOT NULL AND p.deceased_on IS NULL
       WHERE h.region_code LIKE $6 AND ${MONITORED_HOUSEHOLD}
       GROUP BY h.id, h.region_code
       HAVING count(*) >= $7::int
     )`,
    ),
    [run.code, run.kind, run.severity, run.actRole, run.dueOn, `${scope}%`, run.params.minCount],
  );
  return rows;
}

/** Elderly (≥ minAge on today) living alone with a disability, among the monitored. */
export async function evaluateElderlyAloneDisabled(
  tx: Queryable,
  run: RuleRun,
  scope: string,
  today: string,
): Promise<InsertedWarning[]> {
  const { rows } = await tx.query<InsertedWarning>(
    insertWarnings(`
     SELECT $1::text, $2::text, $1 || ':' || p.id, p.id, hm.household_id, p.region_code, $3::text,
       jsonb_build_object('birthDate', p.birth_date, 'disabilityLevel', p.disability_level,
         'disabilityCategory', p.disability_category, 'householdSize', 1, 'minAge', $7::int),
       $4::text, $5::date
     FROM person p
     JOIN household_member hm ON hm.person_id = p.id AND hm.valid_to IS NULL
     WHERE p.region_code LIKE $6 AND p.disability_level IS NOT NULL AND p.deceased_on IS NULL
       AND p.birth_date <= $8::date - make_interval(years => $7::int)
       AND NOT EXISTS (SELECT 1 FROM household_member o WHERE o.household_id = hm.household_id
         AND o.valid_to IS NULL AND o.person_id <> p.id)
       AND ${MONITORED_PERSON}`),
    [run.code, run.kind, run.severity, run.actRole, run.dueOn, `${scope}%`, run.params.minAge, today],
  );
  return rows;
}
