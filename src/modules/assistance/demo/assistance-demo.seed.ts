/**
 * Social assistance demo data for 武隆区 so a new user sees the business line alive: a few hundred enrollments in
 * 仙女山街道 and 白马镇 (start months over the last 18 months, some exited, suspended or in 渐退), the approved
 * applications behind them and some refusals (closed cases with their history, for processing times), a handful of
 * open applications, and monthly payroll runs for the last months computed by the payroll service itself.
 * Deterministic for a seed; idempotent: nothing is added when the district already has assistance enrollments.
 */
import { recordAudit } from '../../../core/audit/audit.repository.ts';
import { systemActor } from '../../../core/auth/actor.ts';
import { findRegion } from '../../../core/region/region-tree.ts';
import { todayInChina } from '../../../core/workflow/working-days.ts';
import type { Queryable } from '../../../db/database.ts';
import type { Platform } from '../../../platform.ts';
import { PAID_PROGRAMMES } from '../enrollment/enrollment-basis.ts';
import { monthRates } from '../payroll/monthly-amount.ts';
import { addMonths } from '../rules/dates.ts';
import { advanceDemoApplications } from './assistance-demo-advance.ts';
import type { StaffIds } from './assistance-demo-history.ts';
import { type DemoRates, planAssistanceDemo } from './assistance-demo-plan.ts';
import { type HouseholdRow, writeDemoApplications, writeDemoEnrollments } from './assistance-demo-writer.ts';

export const DEMO_DISTRICT = '500156';
/** The two demo townships and how many of their households take part. */
export const DEMO_TOWNSHIPS = [
  { code: '500156003', households: 200, clerk: 'xns_clerk', reviewer: 'xns_reviewer' },
  { code: '500156101', households: 160, clerk: 'bm_clerk', reviewer: 'bm_reviewer' },
] as const;

export interface AssistanceDemoOptions {
  today?: string;
  seed?: number;
  /** Months of payroll runs up to the current one (default 12). */
  payrollMonths?: number;
}

export interface AssistanceDemoResult {
  skipped: boolean;
  enrollments: number;
  applications: number;
  /** Applications taken on to township review / 公示 through the application services. */
  advanced: number;
  payrollRuns: number;
}

async function loadHouseholds(db: Queryable, township: string, limit: number): Promise<HouseholdRow[]> {
  const { rows } = await db.query<{
    id: string;
    region_code: string;
    members: { personId: string; birthDate: string; relationCode: string; name: string }[];
  }>(
    `SELECT h.id, h.region_code,
       json_agg(json_build_object('personId', p.id, 'birthDate', p.birth_date::text, 'relationCode', m.relation_code,
                                  'name', p.name)
                ORDER BY (p.id = h.head_person_id) DESC, p.birth_date, p.id) AS members
     FROM (SELECT id, region_code, head_person_id, household_no FROM household WHERE region_code LIKE $1
           ORDER BY md5(household_no) LIMIT $2) h
     JOIN household_member m ON m.household_id = h.id AND m.valid_to IS NULL
     JOIN person p ON p.id = m.person_id AND p.deceased_on IS NULL
     GROUP BY h.id, h.region_code, h.household_no
     ORDER BY md5(h.household_no)`,
    [`${township}%`, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    regionCode: r.region_code,
    urban: (findRegion(r.region_code)?.name ?? '').includes('社区'),
    members: r.members.map(({ personId, birthDate, relationCode }) => ({ personId, birthDate, relationCode })),
    names: r.members.map((m) => m.name),
  }));
}

async function staffIds(db: Queryable): Promise<Map<string, { id: string; name: string }>> {
  const names = ['wl_approver', ...DEMO_TOWNSHIPS.flatMap((t) => [t.clerk, t.reviewer])];
  const { rows } = await db.query<{ id: string; username: string; display_name: string }>(
    'SELECT id, username, display_name FROM app_user WHERE username = ANY($1)',
    [names],
  );
  return new Map(rows.map((r) => [r.username, { id: r.id, name: r.display_name }]));
}

/**
 * Seeds the demo (see the file comment). Returns what was added; `skipped` when the district already has
 * assistance enrollments or no demo households exist. Payroll runs are computed through PayrollService (the same
 * SQL as production); months before the current one are then marked paid and reconciled as demo history.
 */
export async function seedAssistanceDemo(
  platform: Platform,
  o: AssistanceDemoOptions = {},
): Promise<AssistanceDemoResult> {
  const db = platform.db;
  const none = { skipped: true, enrollments: 0, applications: 0, advanced: 0, payrollRuns: 0 };
  const existing = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM (SELECT 1 FROM assistance_enrollment WHERE region_code LIKE $1 LIMIT 1) x',
    [`${DEMO_DISTRICT}%`],
  );
  if (existing.rows[0].n > 0) return none;
  const today = o.today ?? todayInChina();
  const currentMonth = today.slice(0, 7);
  const monthsBack = 17;

  const rateCache = new Map<string, DemoRates>();
  for (let m = addMonths(currentMonth, -monthsBack - 1); m <= currentMonth; m = addMonths(m, 1)) {
    const p = await platform.policy.resolveAssistance(db, DEMO_DISTRICT, `${m}-01`);
    for (const area of ['urban', 'rural'] as const) {
      const r = monthRates(p, area);
      rateCache.set(`${m}/${area}`, {
        standardFen: r.standardFen,
        tekunBasicFen: r.tekunBasicFen,
        careFen: { 'self-care': r.careFen.selfCare, partial: r.careFen.partial, total: r.careFen.total },
      });
    }
  }
  const rates = (month: string, area: 'urban' | 'rural') => {
    const r = rateCache.get(`${month}/${area}`);
    if (!r) throw new RangeError(`no demo rates for ${month}`);
    return r;
  };

  const staff = await staffIds(db);
  let enrollments = 0;
  let applications = 0;
  let advanced = 0;
  for (const [i, township] of DEMO_TOWNSHIPS.entries()) {
    const households = await loadHouseholds(db, township.code, township.households);
    if (households.length === 0) continue;
    const plan = planAssistanceDemo(households, {
      today,
      seed: (o.seed ?? 20260101) + i,
      monthsBack,
      rates,
      openPerTownship: 8,
    });
    const ids: StaffIds = {
      clerk: staff.get(township.clerk) ?? { id: null, name: '系统' },
      reviewer: staff.get(township.reviewer) ?? { id: null, name: '系统' },
      approver: staff.get('wl_approver') ?? { id: null, name: '系统' },
    };
    const byId = new Map(households.map((h) => [h.id, h]));
    const caseIds = await db.transaction(async (tx) => {
      const household = (id: string) => byId.get(id) as HouseholdRow;
      const written = await writeDemoApplications(
        tx,
        [
          ...plan.enrollments.map((e) => ({
            household: household(e.householdId),
            application: e.application,
            monthlyIncomeFen: e.perCapitaIncomeFen * e.members,
          })),
          ...plan.applications.map((a) => ({
            household: household(a.householdId),
            application: a,
            monthlyIncomeFen: 0,
          })),
        ],
        ids,
      );
      await writeDemoEnrollments(
        tx,
        plan.enrollments.map((enrollment, k) => ({ enrollment, caseId: written[k] })),
        ids,
      );
      await recordAudit(tx, systemActor('demo'), {
        action: 'assistance.demo.seed',
        entityType: 'assistance_enrollment',
        regionCode: township.code,
        detail: {
          enrollments: plan.enrollments.length,
          applications: plan.enrollments.length + plan.applications.length,
        },
      });
      return written;
    });
    const offset = plan.enrollments.length;
    const toAdvance = plan.applications.flatMap((a, k) =>
      a.advanceTo ? [{ caseId: caseIds[offset + k], to: a.advanceTo }] : [],
    );
    const clerk = ids.clerk.id ? await platform.auth.loadStaffActor(ids.clerk.id) : undefined;
    const reviewer = ids.reviewer.id ? await platform.auth.loadStaffActor(ids.reviewer.id) : undefined;
    if (clerk && reviewer) advanced += await advanceDemoApplications(platform, toAdvance, { clerk, reviewer }, today);
    enrollments += plan.enrollments.length;
    applications += plan.enrollments.length + plan.applications.length;
  }
  if (enrollments === 0) return none;
  const payrollRuns = await seedPayroll(
    platform,
    currentMonth,
    o.payrollMonths ?? 12,
    staff.get('wl_approver')?.id ?? null,
  );
  return { skipped: false, enrollments, applications, advanced, payrollRuns };
}

/**
 * Payroll runs of the district for each paid programme and the last `months` months, computed by PayrollService.
 * Runs before the current month become demo history: approved by the district approver, lines paid, reconciled.
 * The current month's runs stay computed, waiting for the approver (maker-checker: computed by 'demo').
 */
async function seedPayroll(platform: Platform, currentMonth: string, months: number, approverId: string | null) {
  const payroll = platform.payroll;
  const actor = systemActor('demo');
  let runs = 0;
  for (let m = addMonths(currentMonth, -(months - 1)); m <= currentMonth; m = addMonths(m, 1)) {
    for (const programme of PAID_PROGRAMMES) {
      await payroll.compute(actor, { district: DEMO_DISTRICT, programme, month: m });
      runs++;
    }
  }
  await platform.db.transaction(async (tx) => {
    await tx.query(
      `UPDATE payroll_line l SET status = 'paid', bank_reference = 'DEMO' || to_char(l.for_month, 'YYYYMM') || '-' || left(l.id::text, 8), updated_at = now()
       FROM payroll_run r
       WHERE r.id = l.run_id AND r.district_code = $1 AND r.month < $2::date AND l.status IN ('payable', 'held')`,
      [DEMO_DISTRICT, `${currentMonth}-01`],
    );
    await tx.query(
      `UPDATE payroll_run SET status = 'reconciled', approved_by = $3, approved_at = month + interval '5 days',
         exported_at = month + interval '6 days', reconciled_at = month + interval '12 days', held_count = 0,
         line_count = (SELECT count(*) FROM payroll_line l WHERE l.run_id = payroll_run.id AND l.status = 'paid'),
         total_fen = (SELECT coalesce(sum(amount_fen), 0) FROM payroll_line l
                      WHERE l.run_id = payroll_run.id AND l.status = 'paid'),
         version = version + 1
       WHERE district_code = $1 AND month < $2::date AND status = 'computed'`,
      [DEMO_DISTRICT, `${currentMonth}-01`, approverId],
    );
  });
  return runs;
}
