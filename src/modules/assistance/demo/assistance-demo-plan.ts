/**
 * The plan of the social assistance demo data (pure, deterministic for a seed): which demo households are enrolled
 * in which programme since which month, with amounts from the standard in force (补差 = (standard − per-capita
 * income) × members), who later exited, was suspended or is in 渐退, the closed applications behind them (for
 * processing times) and a handful of open applications. The seed (assistance-demo.seed.ts) writes it.
 */
import { createRng, type Rng, weightedTable } from '../../../core/registry/demo/rng.ts';
import { addWorkingDays, isWorkingDay } from '../../../core/workflow/working-days.ts';
import type { CareTier, EnrollmentBasis } from '../enrollment/enrollment-basis.ts';
import { addMonths } from '../rules/dates.ts';
import type { Programme } from '../rules/decision.ts';

export interface DemoHousehold {
  id: string;
  regionCode: string;
  urban: boolean;
  /** Current members, head first. */
  members: readonly { personId: string; birthDate: string; relationCode: string }[];
}

/** What a month's parameters pay (fen), per area: the 低保 standard, 特困 basic standard and care allowances. */
export interface DemoRates {
  standardFen: number;
  tekunBasicFen: number;
  careFen: Record<Exclude<CareTier, 'not-assessed'>, number>;
}

export type RatesOf = (month: string, area: 'urban' | 'rural') => DemoRates;

export interface DemoEvent {
  kind: string;
  fromStatus: string | null;
  toStatus: string;
  effectiveMonth: string;
  amountFen: number;
  reason: string;
}

export interface DemoApplication {
  householdId: string;
  applicantPersonId: string;
  regionCode: string;
  area: 'urban' | 'rural';
  state: 'approved' | 'refused' | 'not_accepted' | 'submitted' | 'verifying';
  programme: Programme | null;
  amountFen: number | null;
  receivedOn: string;
  /** Accepted (受理) on; null while submitted or when not accepted. */
  acceptedOn: string | null;
  /** A verifying application the seed then takes further through the real services (visit, review, 公示). */
  advanceTo?: 'township_review' | 'publicity';
  closedOn: string | null;
  reasons: string[];
}

export interface DemoEnrollment {
  householdId: string;
  personId: string | null;
  regionCode: string;
  area: 'urban' | 'rural';
  programme: Programme;
  status: 'active' | 'suspended' | 'gradual_exit' | 'exited';
  members: number;
  perCapitaIncomeFen: number;
  amountFen: number;
  basis: EnrollmentBasis;
  startMonth: string;
  endMonth: string | null;
  exitReason: string | null;
  reviewIntervalMonths: number;
  nextReviewOn: string;
  events: DemoEvent[];
  application: DemoApplication;
}

export interface DemoPlan {
  enrollments: DemoEnrollment[];
  /** Refused / not accepted (closed) and open applications of households not enrolled. */
  applications: DemoApplication[];
}

export interface DemoPlanOptions {
  today: string;
  seed: number;
  /** How far back enrollments start (months before the current one). */
  monthsBack: number;
  rates: RatesOf;
  /** Open applications per township. */
  openPerTownship: number;
}

const PROGRAMMES = weightedTable<Programme>(
  [
    'minimumLivingAllowance',
    'extremePovertySupport',
    'lowIncomeMarginal',
    'singlePersonAllowance',
    'rigidExpenditureHardship',
  ],
  [62, 12, 10, 6, 10],
);
const CARE = weightedTable<Exclude<CareTier, 'not-assessed'>>(['self-care', 'partial', 'total'], [5, 3, 2]);
const EXIT_REASONS = [
  '家庭收入超过低保标准,复核不再符合',
  '保障对象死亡,次月停发',
  '迁出本区,次月停发',
  '家庭人口变化,复核不再符合',
];
const REFUSAL_REASONS = ['家庭人均收入高于当地低保标准', '家庭人均金融资产超过24倍低保标准', '拥有两套以上住房'];

function shiftDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The date n working days before `iso` (the receipt date an approval n working days later came from). */
export function workingDaysBefore(iso: string, n: number): string {
  let day = iso;
  for (let counted = 0; counted < n; ) {
    day = shiftDays(day, -1);
    if (isWorkingDay(day)) counted++;
  }
  return day;
}

/** A working day in the month, on or after day `dayOfMonth` (rolled forward over rest days). */
function workingDayIn(month: string, dayOfMonth: number): string {
  let day = `${month}-${String(dayOfMonth).padStart(2, '0')}`;
  while (!isWorkingDay(day)) day = shiftDays(day, 1);
  return day;
}

function applicant(h: DemoHousehold) {
  return h.members[0].personId;
}

/** The oldest member (特困 is most often an elderly person living alone or apart). */
function oldest(h: DemoHousehold) {
  return [...h.members].sort((a, b) => a.birthDate.localeCompare(b.birthDate))[0];
}

function amountOf(basis: EnrollmentBasis, r: DemoRates): number {
  if (basis.kind === 'gap') return Math.max(0, r.standardFen * basis.members - basis.monthlyIncomeFen);
  if (basis.kind === 'tekun')
    return r.tekunBasicFen + (basis.careTier === 'not-assessed' ? 0 : r.careFen[basis.careTier]);
  // 低保边缘 and 刚性支出困难 are recognitions without a monthly amount
  return 0;
}

/** Enrollment with its approved application; the benefit is computed with the start month's parameters. */
function planEnrollment(h: DemoHousehold, rng: Rng, o: DemoPlanOptions, currentMonth: string): DemoEnrollment {
  const area = h.urban ? 'urban' : 'rural';
  let programme = rng.weighted(PROGRAMMES);
  if (programme === 'singlePersonAllowance' && h.members.length < 2) programme = 'minimumLivingAllowance';
  const startMonth = addMonths(currentMonth, -rng.int(0, o.monthsBack));
  const rates = o.rates(startMonth, area);
  const perPerson = programme === 'extremePovertySupport' || programme === 'singlePersonAllowance';
  const person = programme === 'extremePovertySupport' ? oldest(h) : h.members[h.members.length - 1];
  const members = perPerson ? 1 : h.members.length;
  let basis: EnrollmentBasis;
  let perCapita = 0;
  if (programme === 'minimumLivingAllowance' || programme === 'singlePersonAllowance') {
    // per-capita counted income below the standard, in whole ten-yuan steps
    perCapita = rng.int(0, Math.floor((rates.standardFen - 6_000) / 1_000)) * 1_000;
    basis = {
      kind: 'gap',
      monthlyIncomeFen: perCapita * members,
      members,
      topUps: { elderly: 0, disabled: 0, seriouslyIll: 0, child: 0 },
      earnedIncome: rng.chance(0.35),
    };
  } else if (programme === 'extremePovertySupport') {
    basis = { kind: 'tekun', careTier: rng.weighted(CARE) };
  } else {
    // 低保边缘 / 刚性支出困难: recognitions without money; income between 1× and 1.5× the standard
    perCapita = Math.round((rates.standardFen * (10 + rng.int(0, 4))) / 10 / 1_000) * 1_000;
    basis = { kind: 'none', members };
  }
  const amountFen = amountOf(basis, rates);
  const approvedOn = workingDayIn(addMonths(startMonth, -1), rng.int(5, 24));
  const received = workingDaysBefore(approvedOn, rng.int(12, rng.chance(0.1) ? 34 : 28));
  const interval = basis.kind === 'gap' && basis.earnedIncome ? 6 : 12;
  let nextReview = addMonths(startMonth, interval);
  while (nextReview <= currentMonth) nextReview = addMonths(nextReview, interval);
  const events: DemoEvent[] = [
    {
      kind: 'enrolled',
      fromStatus: null,
      toStatus: 'active',
      effectiveMonth: startMonth,
      amountFen,
      reason: '审批通过',
    },
  ];
  let status: DemoEnrollment['status'] = 'active';
  let endMonth: string | null = programme === 'rigidExpenditureHardship' ? addMonths(startMonth, 11) : null;
  let exitReason: string | null = null;
  const roll = rng.next();
  if (endMonth !== null && endMonth < currentMonth) {
    status = 'exited';
    exitReason = '认定有效期(12个月)届满';
    events.push({
      kind: 'exit',
      fromStatus: 'active',
      toStatus: 'exited',
      effectiveMonth: addMonths(endMonth, 1),
      amountFen: 0,
      reason: exitReason,
    });
  } else if (roll < 0.1 && startMonth < currentMonth) {
    status = 'exited';
    endMonth = addMonths(startMonth, rng.int(0, Math.max(0, monthsFrom(startMonth, currentMonth) - 1)));
    exitReason = rng.pick(EXIT_REASONS);
    events.push({
      kind: 'exit',
      fromStatus: 'active',
      toStatus: 'exited',
      effectiveMonth: addMonths(endMonth, 1),
      amountFen: 0,
      reason: exitReason,
    });
  } else if (roll < 0.14 && startMonth < currentMonth && amountFen > 0) {
    status = 'suspended';
    events.push({
      kind: 'suspend',
      fromStatus: 'active',
      toStatus: 'suspended',
      effectiveMonth: currentMonth,
      amountFen,
      reason: '未按期提交定期报告,暂停发放待核实',
    });
  } else if (roll < 0.17 && programme === 'minimumLivingAllowance' && startMonth < currentMonth) {
    status = 'gradual_exit';
    endMonth = addMonths(currentMonth, rng.int(1, 5));
    events.push({
      kind: 'gradual_exit',
      fromStatus: 'active',
      toStatus: 'gradual_exit',
      effectiveMonth: addMonths(currentMonth, 1),
      amountFen,
      reason: '家庭人均收入升至标准的1至1.5倍之间,渐退6个月',
    });
  }
  return {
    householdId: h.id,
    personId: perPerson ? person.personId : null,
    regionCode: h.regionCode,
    area,
    programme,
    status,
    members,
    perCapitaIncomeFen: perCapita,
    amountFen,
    basis,
    startMonth,
    endMonth,
    exitReason,
    reviewIntervalMonths: interval,
    nextReviewOn: `${nextReview}-${String(Math.min(Number(approvedOn.slice(8, 10)), 28)).padStart(2, '0')}`,
    events,
    application: {
      householdId: h.id,
      applicantPersonId: applicant(h),
      regionCode: h.regionCode,
      area,
      state: 'approved',
      programme,
      amountFen,
      receivedOn: received,
      acceptedOn: received,
      closedOn: approvedOn,
      reasons: [],
    },
  };
}

function monthsFrom(from: string, to: string): number {
  const n = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
  return n(to) - n(from);
}

/** Closed refusals over the last months and open applications of this township's remaining households. */
function planOtherApplications(rest: readonly DemoHousehold[], rng: Rng, o: DemoPlanOptions): DemoApplication[] {
  const out: DemoApplication[] = [];
  const refusals = Math.min(rest.length - o.openPerTownship, Math.round(rest.length * 0.5));
  rest.forEach((h, i) => {
    const base = {
      householdId: h.id,
      applicantPersonId: applicant(h),
      regionCode: h.regionCode,
      area: (h.urban ? 'urban' : 'rural') as 'urban' | 'rural',
      programme: null,
      amountFen: null,
    };
    if (i < refusals) {
      const closedOn = workingDaysBefore(o.today, rng.int(5, 250));
      if (rng.chance(0.25)) {
        out.push({
          ...base,
          state: 'not_accepted',
          receivedOn: closedOn,
          acceptedOn: null,
          closedOn,
          reasons: ['申请人户籍及居住地均不在本辖区,已告知向户籍地申请'],
        });
      } else {
        const receivedOn = workingDaysBefore(closedOn, rng.int(10, 26));
        out.push({
          ...base,
          state: 'refused',
          receivedOn,
          acceptedOn: receivedOn,
          closedOn,
          reasons: [rng.pick(REFUSAL_REASONS)],
        });
      }
    } else if (i < refusals + o.openPerTownship) {
      // Some wait at the window (received 0..5 working days ago); the others are being verified, received 3..20
      // working days ago and accepted the next day, so the older ones are past the 10-working-day step. The last two
      // go on to township review and to 公示 (through the application services, see the seed).
      const j = i - refusals;
      const advanceTo =
        j === o.openPerTownship - 1 ? 'publicity' : j === o.openPerTownship - 2 ? 'township_review' : undefined;
      const verifying = advanceTo !== undefined || j % 2 === 1;
      const receivedOn = workingDaysBefore(
        o.today,
        advanceTo ? rng.int(3, 6) : verifying ? rng.int(3, 20) : rng.int(0, 5),
      );
      out.push({
        ...base,
        state: verifying ? 'verifying' : 'submitted',
        receivedOn,
        acceptedOn: verifying ? addWorkingDays(receivedOn, 1) : null,
        closedOn: null,
        reasons: [],
        ...(advanceTo ? { advanceTo } : {}),
      });
    }
  });
  return out;
}

/**
 * Deterministic plan for the demo households: about three in four enrolled (programme mix 低保 62%, 特困 12%, 低保边缘
 * 10%, 单人保 6%, 刚性支出困难 10%), start months over the last `monthsBack` months, ~10% exited, ~4% suspended,
 * ~3% in 渐退; the rest refused or with an open application. Households are taken in the given order.
 */
export function planAssistanceDemo(households: readonly DemoHousehold[], o: DemoPlanOptions): DemoPlan {
  const rng = createRng(o.seed);
  const currentMonth = o.today.slice(0, 7);
  const enrollments: DemoEnrollment[] = [];
  const applications: DemoApplication[] = [];
  const byTownship = new Map<string, DemoHousehold[]>();
  for (const h of households) {
    if (h.members.length === 0) continue;
    const t = h.regionCode.slice(0, 9);
    byTownship.set(t, [...(byTownship.get(t) ?? []), h]);
  }
  for (const list of byTownship.values()) {
    const enrolledCount = Math.floor(list.length * 0.75);
    for (const h of list.slice(0, enrolledCount)) enrollments.push(planEnrollment(h, rng, o, currentMonth));
    applications.push(...planOtherApplications(list.slice(enrolledCount), rng, o));
  }
  return { enrollments, applications };
}
