/**
 * Proactive discovery 主动发现 as set-based SQL (predicates in rule-predicates.ts): households likely eligible but
 * not enrolled, level 1-2 disability in a 低保 household without disability subsidies, orphans without the
 * allowance (kind 'outreach'), and enrolled households whose deposits exceed the asset limit (kind 'recheck').
 * Each task carries its evidence; de-duplicated like warnings. `scope` is a region prefix ('' = everywhere).
 */
import type { Queryable } from '../../db/database.ts';
import {
  AREA_OF,
  assigneeOf,
  type DistrictStandard,
  type InsertedWarning,
  LIVE_STATUSES,
  RETURNING,
  type RuleRun,
  STANDARDS_TABLE,
} from './rule-evaluation.repository.ts';

const INSERT_COLUMNS = `INSERT INTO monitoring_warning (rule_code, kind, dedup_key, person_id, household_id, region_code,
  severity, evidence, assignee_role, assignee_id, due_on)`;

function baseParams(run: RuleRun, scope: string): unknown[] {
  return [run.code, run.kind, run.severity, run.actRole, run.dueOn, `${scope}%`];
}

/** Latest deposit balance per person, summed per current household (CTE named deposits). */
function depositsCte(categoriesParam: string): string {
  return `deposits AS (
    SELECT m.household_id, sum(d.amount_fen)::bigint AS deposits_fen
    FROM (SELECT DISTINCT ON (x.subject_index) x.subject_index, x.amount_fen FROM exchange_record x
          WHERE x.category_code = ANY(${categoriesParam}::text[]) ORDER BY x.subject_index, x.occurred_on DESC NULLS LAST, x.id DESC) d
    JOIN person dp ON dp.id_index = d.subject_index
    JOIN household_member m ON m.person_id = dp.id AND m.valid_to IS NULL
    GROUP BY m.household_id)`;
}

/** Households with income records in the window, no live enrollment, per-capita income and deposits below the limits. */
export async function discoverLowIncome(
  tx: Queryable,
  run: RuleRun,
  scope: string,
  today: string,
  standards: DistrictStandard[],
): Promise<InsertedWarning[]> {
  const params = baseParams(run, scope);
  params.push(run.params.categories, today, run.params.months, JSON.stringify(standards), run.params.depositCategories);
  const statuses = LIVE_STATUSES.map((s) => `'${s}'`).join(', ');
  const { rows } = await tx.query<InsertedWarning>(
    `WITH earners AS (
       SELECT DISTINCT m.household_id
       FROM exchange_record r
       JOIN person p ON p.id_index = r.subject_index
       JOIN household_member m ON m.person_id = p.id AND m.valid_to IS NULL
       WHERE r.category_code = ANY($7::text[]) AND r.occurred_on > $8::date - make_interval(months => $9::int)
         AND r.occurred_on <= $8::date AND p.region_code LIKE $6
     ), ${depositsCte('$11')},
     income AS (
       SELECT e.household_id, h.region_code, count(DISTINCT m.person_id)::int AS members,
         coalesce(sum(x.amount_fen), 0)::bigint AS total_fen
       FROM earners e
       JOIN household h ON h.id = e.household_id
       JOIN household_member m ON m.household_id = e.household_id AND m.valid_to IS NULL
       JOIN person mp ON mp.id = m.person_id
       LEFT JOIN exchange_record x ON x.subject_index = mp.id_index AND x.category_code = ANY($7::text[])
         AND x.occurred_on > $8::date - make_interval(months => $9::int) AND x.occurred_on <= $8::date
       WHERE NOT EXISTS (SELECT 1 FROM assistance_enrollment en WHERE en.household_id = e.household_id
         AND en.status IN (${statuses}))
       GROUP BY e.household_id, h.region_code
     ), judged AS (
       SELECT i.*, floor(i.total_fen::numeric / $9::int / i.members)::bigint AS per_capita_fen,
         coalesce(d.deposits_fen, 0) AS deposits_fen,
         CASE WHEN ${AREA_OF('i.region_code')} = 'urban' THEN s."urbanFen" ELSE s."ruralFen" END AS standard_fen,
         s."assetMultiple" AS asset_multiple
       FROM income i
       LEFT JOIN deposits d ON d.household_id = i.household_id
       JOIN ${STANDARDS_TABLE.replace('$STD', '$10')} ON s.district = left(i.region_code, 6)
     )
     ${INSERT_COLUMNS}
     SELECT $1, $2, $1 || ':' || j.household_id, NULL, j.household_id, j.region_code, $3,
       jsonb_build_object('perCapitaFen', j.per_capita_fen, 'standardFen', j.standard_fen, 'members', j.members,
         'months', $9::int, 'totalFen', j.total_fen, 'depositsFen', j.deposits_fen,
         'assetLimitFen', j.asset_multiple::bigint * j.standard_fen * j.members),
       $4, ${assigneeOf('j.region_code', '$4')}, $5::date
     FROM judged j
     WHERE j.per_capita_fen < j.standard_fen AND j.deposits_fen <= j.asset_multiple::bigint * j.standard_fen * j.members
     ON CONFLICT (dedup_key) DO NOTHING
     ${RETURNING}`,
    params,
  );
  return rows;
}

/** Level 1..maxLevel disabled, living, in a household with a live 低保 enrollment, no subsidy record. */
export async function discoverDisabilitySubsidy(
  tx: Queryable,
  run: RuleRun,
  scope: string,
): Promise<InsertedWarning[]> {
  const params = baseParams(run, scope);
  params.push(run.params.maxLevel, run.params.paidCategories);
  const statuses = LIVE_STATUSES.map((s) => `'${s}'`).join(', ');
  const { rows } = await tx.query<InsertedWarning>(
    `${INSERT_COLUMNS}
     SELECT $1, $2, $1 || ':' || p.id, p.id, m.household_id, p.region_code, $3,
       jsonb_build_object('disabilityLevel', p.disability_level, 'disabilityCategory', p.disability_category,
         'programme', 'minimumLivingAllowance', 'subsidyCategories', $8::text[]),
       $4, ${assigneeOf('p.region_code', '$4')}, $5::date
     FROM person p
     JOIN household_member m ON m.person_id = p.id AND m.valid_to IS NULL
     WHERE p.region_code LIKE $6 AND p.deceased_on IS NULL AND p.disability_level BETWEEN 1 AND $7::int
       AND EXISTS (SELECT 1 FROM assistance_enrollment e WHERE e.household_id = m.household_id
         AND e.programme = 'minimumLivingAllowance' AND e.status IN (${statuses}))
       AND NOT EXISTS (SELECT 1 FROM exchange_record x WHERE x.subject_index = p.id_index
         AND x.category_code = ANY($8::text[]))
     ON CONFLICT (dedup_key) DO NOTHING
     ${RETURNING}`,
    params,
  );
  return rows;
}

/** Minors (under the district's adult age) with no living adult in their household and no allowance record. */
export async function discoverOrphans(
  tx: Queryable,
  run: RuleRun,
  scope: string,
  today: string,
  standards: DistrictStandard[],
): Promise<InsertedWarning[]> {
  const params = baseParams(run, scope);
  params.push(today, JSON.stringify(standards), run.params.paidCategories);
  const { rows } = await tx.query<InsertedWarning>(
    `${INSERT_COLUMNS}
     SELECT $1, $2, $1 || ':' || p.id, p.id, m.household_id, p.region_code, $3,
       jsonb_build_object('birthDate', p.birth_date, 'adultAge', s."adultAge", 'livingAdults', 0,
         'allowanceCategories', $9::text[]),
       $4, ${assigneeOf('p.region_code', '$4')}, $5::date
     FROM person p
     JOIN household_member m ON m.person_id = p.id AND m.valid_to IS NULL
     JOIN ${STANDARDS_TABLE.replace('$STD', '$8')} ON s.district = left(p.region_code, 6)
     WHERE p.region_code LIKE $6 AND p.deceased_on IS NULL
       AND p.birth_date > $7::date - make_interval(years => s."adultAge")
       AND NOT EXISTS (SELECT 1 FROM household_member o JOIN person op ON op.id = o.person_id
         WHERE o.household_id = m.household_id AND o.valid_to IS NULL AND op.deceased_on IS NULL
           AND op.birth_date <= $7::date - make_interval(years => s."adultAge"))
       AND NOT EXISTS (SELECT 1 FROM exchange_record x WHERE x.subject_index = p.id_index
         AND x.category_code = ANY($9::text[]))
     ON CONFLICT (dedup_key) DO NOTHING
     ${RETURNING}`,
    params,
  );
  return rows;
}

/** Enrolled households whose latest deposit balances exceed assetMultiple × standard × members; one per year. */
export async function discoverAssetRecheck(
  tx: Queryable,
  run: RuleRun,
  scope: string,
  today: string,
  standards: DistrictStandard[],
): Promise<InsertedWarning[]> {
  const params = baseParams(run, scope);
  params.push(run.params.depositCategories, today, JSON.stringify(standards));
  const statuses = LIVE_STATUSES.map((s) => `'${s}'`).join(', ');
  const { rows } = await tx.query<InsertedWarning>(
    `WITH ${depositsCte('$7')},
     enrolled AS (
       SELECT DISTINCT ON (e.household_id) e.household_id, e.area, h.region_code
       FROM assistance_enrollment e JOIN household h ON h.id = e.household_id
       WHERE e.status IN (${statuses}) AND e.programme IN ('minimumLivingAllowance', 'singlePersonAllowance',
         'extremePovertySupport', 'lowIncomeMarginal') AND h.region_code LIKE $6
       ORDER BY e.household_id, e.created_at
     ), judged AS (
       SELECT en.household_id, en.region_code, d.deposits_fen,
         (SELECT count(*)::int FROM household_member m WHERE m.household_id = en.household_id AND m.valid_to IS NULL)
           AS members,
         CASE WHEN en.area = 'urban' THEN s."urbanFen" ELSE s."ruralFen" END AS standard_fen,
         s."assetMultiple" AS asset_multiple
       FROM enrolled en
       JOIN deposits d ON d.household_id = en.household_id
       JOIN ${STANDARDS_TABLE.replace('$STD', '$9')} ON s.district = left(en.region_code, 6)
     )
     ${INSERT_COLUMNS}
     SELECT $1, $2, $1 || ':' || j.household_id || ':' || left($8::text, 4), NULL, j.household_id, j.region_code, $3,
       jsonb_build_object('depositsFen', j.deposits_fen, 'members', j.members, 'standardFen', j.standard_fen,
         'assetLimitFen', j.asset_multiple::bigint * j.standard_fen * j.members),
       $4, ${assigneeOf('j.region_code', '$4')}, $5::date
     FROM judged j
     WHERE j.members > 0 AND j.deposits_fen > j.asset_multiple::bigint * j.standard_fen * j.members
     ON CONFLICT (dedup_key) DO NOTHING
     ${RETURNING}`,
    params,
  );
  return rows;
}
