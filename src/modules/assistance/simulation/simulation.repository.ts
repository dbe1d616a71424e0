import type { Queryable } from '../../../db/database.ts';
import type { Programme } from '../rules/decision.ts';
import type { ApplicationFacts } from '../rules/facts.ts';
import type { Area } from '../rules/policy-parameters.ts';
import type { CareTier } from '../rules/tekun.ts';
import {
  type AppliedHousehold,
  changeOf,
  type EnrolledHousehold,
  type HouseholdOutcome,
  type OutcomeRates,
  type SimulationTotals,
  type TopUpCategory,
} from './simulate.ts';

interface EnrollmentRow {
  id: string;
  household_id: string;
  region_code: string;
  area: Area;
  programme: Programme;
  members: number;
  per_capita_income_fen: number;
  income_fen: number | null;
  top_ups: Partial<Record<TopUpCategory, number>> | null;
  care_tier: CareTier | null;
}

const NO_TOP_UPS: Record<TopUpCategory, number> = { elderly: 0, disabled: 0, seriouslyIll: 0, child: 0 };

function toEnrolled(r: EnrollmentRow): EnrolledHousehold {
  return {
    id: r.id,
    householdId: r.household_id,
    regionCode: r.region_code,
    area: r.area,
    programme: r.programme,
    members: r.members,
    // Household income as decided (basis); older rows without it: per-capita × members.
    monthlyIncomeFen: r.income_fen ?? r.per_capita_income_fen * r.members,
    topUps: { ...NO_TOP_UPS, ...(r.top_ups ?? {}) },
    careTier: r.care_tier ?? 'not-assessed',
  };
}

/**
 * Active enrollments in the scope still running in the month (end_month empty or not before it), in id order from
 * `afterId`, `limit` at a time (keyset pages keep memory flat on a million rows).
 */
export async function pageActiveEnrollments(
  q: Queryable,
  scopePrefix: string,
  monthStart: string,
  afterId: string | null,
  limit: number,
): Promise<EnrolledHousehold[]> {
  const params: unknown[] = [`${scopePrefix}%`, monthStart, limit];
  let after = '';
  if (afterId) {
    params.push(afterId);
    after = `AND id > $${params.length}`;
  }
  const { rows } = await q.query<EnrollmentRow>(
    `SELECT id, household_id, region_code, area, programme, members, per_capita_income_fen,
            (basis->>'monthlyIncomeFen')::int AS income_fen, basis->'topUps' AS top_ups,
            basis->>'careTier' AS care_tier
       FROM assistance_enrollment
      WHERE region_code LIKE $1 AND status = 'active' AND (end_month IS NULL OR end_month >= $2::date) ${after}
      ORDER BY id LIMIT $3`,
    params,
  );
  return rows.map(toEnrolled);
}

/**
 * The latest application per household in the scope whose facts have been verified and whose household has no
 * running enrollment (refused, 低保边缘 without enrollment, still in progress), in case-id pages.
 */
export async function pageUnenrolledApplications(
  q: Queryable,
  scopePrefix: string,
  afterCaseId: string | null,
  limit: number,
): Promise<AppliedHousehold[]> {
  const params: unknown[] = [`${scopePrefix}%`, limit];
  let after = '';
  if (afterCaseId) {
    params.push(afterCaseId);
    after = `AND latest.case_id > $${params.length}`;
  }
  const { rows } = await q.query<{
    case_id: string;
    household_id: string;
    region_code: string;
    area: Area;
    verified: ApplicationFacts;
  }>(
    `SELECT latest.case_id, latest.household_id, latest.region_code, latest.area, latest.verified FROM (
        SELECT DISTINCT ON (a.household_id) a.case_id, a.household_id, a.region_code, a.area, a.verified
          FROM assistance_application a
         WHERE a.region_code LIKE $1 AND a.verified IS NOT NULL
         ORDER BY a.household_id, a.created_at DESC) latest
      WHERE NOT EXISTS (SELECT 1 FROM assistance_enrollment e
                         WHERE e.household_id = latest.household_id
                           AND e.status IN ('active', 'suspended', 'gradual_exit')) ${after}
      ORDER BY latest.case_id LIMIT $2`,
    params,
  );
  // The application's own region and area decide (they are what the scope filter checked).
  return rows.map((r) => ({
    caseId: r.case_id,
    householdId: r.household_id,
    facts: { ...r.verified, regionCode: r.region_code, area: r.area },
  }));
}

/** The rates before and after the change for one region and area (computed in JS by outcomeRates). */
export interface RegionRates {
  regionCode: string;
  area: Area;
  before: OutcomeRates;
  after: OutcomeRates;
}

/** Region codes of the active enrollments in the scope (the rates are computed once per region). */
export async function listEnrollmentRegions(q: Queryable, scopePrefix: string, monthStart: string): Promise<string[]> {
  const { rows } = await q.query<{ region_code: string }>(
    `SELECT DISTINCT region_code FROM assistance_enrollment
      WHERE region_code LIKE $1 AND status = 'active' AND (end_month IS NULL OR end_month >= $2::date)`,
    [`${scopePrefix}%`, monthStart],
  );
  return rows.map((r) => r.region_code);
}

const RATE_FIELDS = (x: '0' | '1') =>
  ['s', 'm', 'te', 'td', 'ts', 'tc', 'k', 'cs', 'cp', 'ct', 'cn'].map((f) => `${f}${x}`);

function rateColumns(r: OutcomeRates): number[] {
  return [
    r.standardFen,
    r.marginalIncomeRatioBp,
    r.topUpFen.elderly,
    r.topUpFen.disabled,
    r.topUpFen.seriouslyIll,
    r.topUpFen.child,
    r.tekunBasicFen,
    r.careFen['self-care'],
    r.careFen.partial,
    r.careFen.total,
    r.careFen['not-assessed'],
  ];
}

/** The programme an enrollment would have at rates x: the SQL twin of enrolledOutcome (simulate.ts). */
const programmeAt = (x: string) => `CASE
    WHEN e.programme = 'extremePovertySupport' THEN e.programme
    WHEN e.programme = 'singlePersonAllowance' THEN CASE WHEN e.income < r.s${x} * e.members THEN e.programme END
    WHEN e.income < r.s${x} * e.members THEN 'minimumLivingAllowance'
    WHEN e.income * 10000 < r.s${x} * r.m${x} * e.members THEN 'lowIncomeMarginal'
    WHEN e.programme = 'rigidExpenditureHardship' THEN e.programme END`;

/** The monthly amount at rates x: 特困 basic + care; else 补差 + top-ups while income is below the standard. */
const amountAt = (x: string) => `CASE
    WHEN e.programme = 'extremePovertySupport' THEN r.k${x} + CASE e.tier WHEN 'total' THEN r.ct${x}
      WHEN 'partial' THEN r.cp${x} WHEN 'self-care' THEN r.cs${x} ELSE r.cn${x} END
    WHEN e.income < r.s${x} * e.members THEN r.s${x} * e.members - e.income
      + e.ue * r.te${x} + e.ud * r.td${x} + e.us * r.ts${x} + e.uc * r.tc${x}
    ELSE 0 END`;

/**
 * Every active enrollment of the scope with its programme and amount before (0) and after (1) the change.
 * OFFSET 0 keeps each CTE a separate plan node, so the jsonb reads and the CASEs are computed once per row rather
 * than once per reference (inlined, they were: 850 ms → see bench/policy-simulation.bench.ts).
 */
function outcomesCte(scopePrefix: string, monthStart: string, rates: readonly RegionRates[], ids?: readonly string[]) {
  const columns = ['region_code', 'area', ...RATE_FIELDS('0'), ...RATE_FIELDS('1')];
  const arrays: unknown[][] = columns.map(() => []);
  for (const r of rates) {
    const values = [r.regionCode, r.area, ...rateColumns(r.before), ...rateColumns(r.after)];
    for (const [i, v] of values.entries()) arrays[i].push(v);
  }
  const params: unknown[] = [`${scopePrefix}%`, monthStart, ...arrays];
  const unnest = columns.map((_, i) => `$${i + 3}::${i < 2 ? 'text' : 'bigint'}[]`).join(', ');
  let only = '';
  if (ids) {
    params.push(ids);
    only = `AND en.id = ANY($${params.length}::uuid[])`;
  }
  const sql = `WITH r AS (SELECT * FROM unnest(${unnest}) AS r(${columns.join(', ')})),
    e AS (
      SELECT en.id, en.household_id, en.region_code, en.area, en.programme, en.members::bigint AS members,
             coalesce((en.basis->>'monthlyIncomeFen')::bigint, en.per_capita_income_fen::bigint * en.members) AS income,
             coalesce((en.basis->'topUps'->>'elderly')::bigint, 0) AS ue,
             coalesce((en.basis->'topUps'->>'disabled')::bigint, 0) AS ud,
             coalesce((en.basis->'topUps'->>'seriouslyIll')::bigint, 0) AS us,
             coalesce((en.basis->'topUps'->>'child')::bigint, 0) AS uc,
             coalesce(en.basis->>'careTier', 'not-assessed') AS tier
        FROM assistance_enrollment en
       WHERE en.region_code LIKE $1 AND en.status = 'active' AND (en.end_month IS NULL OR en.end_month >= $2::date) ${only}
      OFFSET 0),
    o AS (
      SELECT e.id, e.household_id, e.region_code, e.area, e.members, r.region_code IS NULL AS unrated,
             ${programmeAt('0')} AS p0, ${amountAt('0')} AS a0, ${programmeAt('1')} AS p1, ${amountAt('1')} AS a1
        FROM e LEFT JOIN r ON r.region_code = e.region_code AND r.area = e.area
      OFFSET 0)`;
  return { sql, params };
}

export interface TownshipRow extends SimulationTotals {
  townshipCode: string;
  /** The first `listed` enrollment ids (by id) of the township that gain or lose money. */
  gainedIds: string[];
  lostIds: string[];
  /** Enrollments of regions without parameters in force (not simulated). */
  skipped: number;
}

/** Before/after totals per township (9-digit prefix), set-based over every active enrollment in the scope. */
export async function aggregateEnrollmentOutcomes(
  q: Queryable,
  scopePrefix: string,
  monthStart: string,
  rates: readonly RegionRates[],
  listed: number,
): Promise<TownshipRow[]> {
  const { sql, params } = outcomesCte(scopePrefix, monthStart, rates);
  params.push(listed);
  const n = `$${params.length}`;
  const { rows } = await q.query<{
    township: string;
    households: number;
    gained: number;
    lost: number;
    increased: number;
    decreased: number;
    before_fen: number;
    after_fen: number;
    skipped: number;
    gained_ids: string[] | null;
    lost_ids: string[] | null;
  }>(
    `${sql}
     SELECT substr(region_code, 1, 9) AS township,
            count(*) FILTER (WHERE NOT unrated)::int AS households,
            count(*) FILTER (WHERE a0 = 0 AND a1 > 0)::int AS gained,
            count(*) FILTER (WHERE a0 > 0 AND a1 = 0)::int AS lost,
            count(*) FILTER (WHERE a0 > 0 AND a1 > a0)::int AS increased,
            count(*) FILTER (WHERE a1 > 0 AND a1 < a0)::int AS decreased,
            coalesce(sum(a0), 0)::bigint AS before_fen, coalesce(sum(a1), 0)::bigint AS after_fen,
            count(*) FILTER (WHERE unrated)::int AS skipped,
            (array_agg(id ORDER BY id) FILTER (WHERE a0 = 0 AND a1 > 0))[1:${n}] AS gained_ids,
            (array_agg(id ORDER BY id) FILTER (WHERE a0 > 0 AND a1 = 0))[1:${n}] AS lost_ids
       FROM o GROUP BY 1 ORDER BY 1`,
    params,
  );
  return rows.map((r) => ({
    townshipCode: r.township,
    households: r.households,
    gained: r.gained,
    lost: r.lost,
    increased: r.increased,
    decreased: r.decreased,
    beforeMonthlyFen: Number(r.before_fen),
    afterMonthlyFen: Number(r.after_fen),
    deltaMonthlyFen: Number(r.after_fen) - Number(r.before_fen),
    skipped: r.skipped,
    gainedIds: r.gained_ids ?? [],
    lostIds: r.lost_ids ?? [],
  }));
}

/** Before and after of the given enrollments (the few listed one by one). */
export async function findEnrollmentOutcomes(
  q: Queryable,
  scopePrefix: string,
  monthStart: string,
  rates: readonly RegionRates[],
  ids: readonly string[],
): Promise<HouseholdOutcome[]> {
  if (ids.length === 0) return [];
  const { sql, params } = outcomesCte(scopePrefix, monthStart, rates, ids);
  const { rows } = await q.query<{
    id: string;
    household_id: string;
    region_code: string;
    area: Area;
    members: number;
    p0: Programme | null;
    a0: number;
    p1: Programme | null;
    a1: number;
  }>(
    `${sql} SELECT id, household_id, region_code, area, members::int AS members, p0, a0, p1, a1 FROM o ORDER BY id`,
    params,
  );
  return rows.map((r) => ({
    source: 'enrollment',
    id: r.id,
    householdId: r.household_id,
    regionCode: r.region_code,
    area: r.area,
    members: r.members,
    before: { programme: r.p0, amountFen: Number(r.a0) },
    after: { programme: r.p1, amountFen: Number(r.a1) },
    change: changeOf(Number(r.a0), Number(r.a1)),
  }));
}
