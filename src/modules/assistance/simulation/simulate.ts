/**
 * Policy simulation (issue 3 capability 9), pure: "if the urban (or rural) standard became X from date Y", what
 * would every household in scope get in the first month under the new standard, compared with the parameters in
 * force without the change? Enrollments are recomputed from what they keep (household income, members, top-ups,
 * care tier) with the rules' own formulas; applications with verified facts go through classifyApplication again.
 * Nothing is read or written here.
 */

import { classifyApplication } from '../rules/classify.ts';
import { addMonths, firstDayOf, monthOf } from '../rules/dates.ts';
import type { Programme } from '../rules/decision.ts';
import { applyBasisPoints } from '../rules/decision.ts';
import { gapBenefitFen } from '../rules/dibao.ts';
import type { ApplicationFacts } from '../rules/facts.ts';
import { type IncomeAssessment, incomeBelow } from '../rules/income.ts';
import type { Area } from '../rules/policy-parameters.ts';
import {
  type PolicyParameterVersion,
  type ResolvedParameters,
  resolveParameters,
  standardFor,
} from '../rules/policy-parameters.ts';
import { type CareTier, careAllowanceFen, tekunBasicStandardFen } from '../rules/tekun.ts';

export type TopUpCategory = 'elderly' | 'disabled' | 'seriouslyIll' | 'child';

/** An active enrollment as the simulation needs it. */
export interface EnrolledHousehold {
  id: string;
  householdId: string;
  regionCode: string;
  area: Area;
  programme: Programme;
  members: number;
  /** Counted monthly income of the enrolled unit (the household, or the person for 单人保 and 特困), fen. */
  monthlyIncomeFen: number;
  topUps: Record<TopUpCategory, number>;
  careTier: CareTier;
}

/** An application with verified facts that is not (or not yet) enrolled: refused, 低保边缘, in progress. */
export interface AppliedHousehold {
  caseId: string;
  householdId: string;
  facts: ApplicationFacts;
}

export type OutcomeChange = 'gained' | 'lost' | 'increased' | 'decreased' | 'unchanged';

export interface HouseholdOutcome {
  source: 'enrollment' | 'application';
  /** Enrollment id or case id. */
  id: string;
  householdId: string;
  regionCode: string;
  area: Area;
  members: number;
  before: { programme: Programme | null; amountFen: number };
  after: { programme: Programme | null; amountFen: number };
  change: OutcomeChange;
}

/** Paid standing programmes, in the order a household is sorted into them. */
const PAID: readonly Programme[] = ['extremePovertySupport', 'minimumLivingAllowance', 'singlePersonAllowance'];

function income(members: number, monthlyHouseholdFen: number): IncomeAssessment {
  return { members, monthlyHouseholdFen } as IncomeAssessment;
}

/**
 * Everything an enrollment's outcome reads from one parameter set for one area, as integers: the same numbers feed
 * enrolledOutcome here and the set-based SQL in simulation.repository.ts (tests check the two agree).
 */
export interface OutcomeRates {
  standardFen: number;
  marginalIncomeRatioBp: number;
  /** 分类施保 top-up per member of each category: the rules' share of the standard, rounded half up. */
  topUpFen: Record<TopUpCategory, number>;
  /** 特困 basic standard after the 1.3 × urban floor. */
  tekunBasicFen: number;
  careFen: Record<CareTier, number>;
}

/** The rates one parameter set gives an area. */
export function outcomeRates(parameters: ResolvedParameters, area: Area): OutcomeRates {
  const standard = standardFor(parameters, area);
  const top = parameters.values.topUpBp;
  return {
    standardFen: standard,
    marginalIncomeRatioBp: parameters.values.marginalIncomeRatioBp,
    topUpFen: {
      elderly: applyBasisPoints(standard, top.elderly),
      disabled: applyBasisPoints(standard, top.disabled),
      seriouslyIll: applyBasisPoints(standard, top.seriouslyIll),
      child: applyBasisPoints(standard, top.child),
    },
    tekunBasicFen: tekunBasicStandardFen(parameters),
    careFen: {
      'self-care': careAllowanceFen('self-care', parameters),
      partial: careAllowanceFen('partial', parameters),
      total: careAllowanceFen('total', parameters),
      'not-assessed': careAllowanceFen('not-assessed', parameters),
    },
  };
}

/** 低保 补差 plus 分类施保 top-ups for a household with this income at these rates. */
function gapAmountFen(e: EnrolledHousehold, rates: OutcomeRates): number {
  const topUps = (Object.keys(e.topUps) as TopUpCategory[]).reduce(
    (sum, category) => sum + e.topUps[category] * rates.topUpFen[category],
    0,
  );
  return gapBenefitFen(rates.standardFen, income(e.members, e.monthlyIncomeFen)) + topUps;
}

/**
 * What an enrollment would be at one set of rates. 特困 stays 特困 (its basic standard follows the 1.3 × urban
 * floor); 单人保 needs own income below the standard; a household (低保, 低保边缘, 刚性支出困难) is sorted again by
 * its income: below the standard → 低保, below the marginal line → 低保边缘, else it keeps a 刚性支出困难
 * recognition (spending is not re-read) or has none.
 */
export function enrolledOutcome(
  e: EnrolledHousehold,
  rates: OutcomeRates,
): { programme: Programme | null; amountFen: number } {
  if (e.programme === 'extremePovertySupport') {
    return { programme: e.programme, amountFen: rates.tekunBasicFen + rates.careFen[e.careTier] };
  }
  const assessed = income(e.members, e.monthlyIncomeFen);
  if (e.programme === 'singlePersonAllowance') {
    return incomeBelow(assessed, rates.standardFen, 10_000)
      ? { programme: e.programme, amountFen: gapAmountFen(e, rates) }
      : { programme: null, amountFen: 0 };
  }
  if (incomeBelow(assessed, rates.standardFen, 10_000)) {
    return { programme: 'minimumLivingAllowance', amountFen: gapAmountFen(e, rates) };
  }
  if (incomeBelow(assessed, rates.standardFen, rates.marginalIncomeRatioBp)) {
    return { programme: 'lowIncomeMarginal', amountFen: 0 };
  }
  return { programme: e.programme === 'rigidExpenditureHardship' ? e.programme : null, amountFen: 0 };
}

export function changeOf(beforeFen: number, afterFen: number): OutcomeChange {
  if (beforeFen === 0 && afterFen > 0) return 'gained';
  if (beforeFen > 0 && afterFen === 0) return 'lost';
  if (afterFen > beforeFen) return 'increased';
  if (afterFen < beforeFen) return 'decreased';
  return 'unchanged';
}

/** The first paid programme granted, for an application's before/after. */
function mainProgramme(granted: readonly { programme: Programme }[]): Programme | null {
  return (
    PAID.find((p) => granted.some((d) => d.programme === p)) ??
    granted.find((d) => !d.programme.startsWith('temporary'))?.programme ??
    null
  );
}

export interface SimulationParameters {
  /** Versions in force without the change, and with it (both for the same regions). */
  baseline: (regionCode: string) => readonly PolicyParameterVersion[];
  changed: (regionCode: string) => readonly PolicyParameterVersion[];
  /** YYYY-MM: the first month the change is in force; both sides are computed for this month. */
  month: string;
}

/** One enrollment before and after (the service runs the same arithmetic set-based in SQL). */
export function simulateEnrollment(e: EnrolledHousehold, p: SimulationParameters): HouseholdOutcome {
  const day = firstDayOf(p.month);
  const rates = (versions: readonly PolicyParameterVersion[]) =>
    outcomeRates(resolveParameters(versions, e.regionCode, day), e.area);
  const before = enrolledOutcome(e, rates(p.baseline(e.regionCode)));
  const after = enrolledOutcome(e, rates(p.changed(e.regionCode)));
  return {
    source: 'enrollment',
    id: e.id,
    householdId: e.householdId,
    regionCode: e.regionCode,
    area: e.area,
    members: e.members,
    before,
    after,
    change: changeOf(before.amountFen, after.amountFen),
  };
}

/** One application decided again on the month's first day, without and with the change. */
export function simulateApplication(a: AppliedHousehold, p: SimulationParameters): HouseholdOutcome {
  const day = firstDayOf(p.month);
  const run = (versions: readonly PolicyParameterVersion[]) =>
    classifyApplication(a.facts, { versions, decisionDate: day, benefitMonth: p.month });
  const before = run(p.baseline(a.facts.regionCode));
  const after = run(p.changed(a.facts.regionCode));
  return {
    source: 'application',
    id: a.caseId,
    householdId: a.householdId,
    regionCode: a.facts.regionCode,
    area: a.facts.area,
    members: before.memberIds.length,
    before: { programme: mainProgramme(before.granted), amountFen: before.monthlyTotalFen },
    after: { programme: mainProgramme(after.granted), amountFen: after.monthlyTotalFen },
    change: changeOf(before.monthlyTotalFen, after.monthlyTotalFen),
  };
}

export interface SimulationTotals {
  households: number;
  gained: number;
  lost: number;
  increased: number;
  decreased: number;
  beforeMonthlyFen: number;
  afterMonthlyFen: number;
  deltaMonthlyFen: number;
}

export function emptyTotals(): SimulationTotals {
  return {
    households: 0,
    gained: 0,
    lost: 0,
    increased: 0,
    decreased: 0,
    beforeMonthlyFen: 0,
    afterMonthlyFen: 0,
    deltaMonthlyFen: 0,
  };
}

/** Adds one outcome to running totals (mutates and returns them). */
export function addOutcome(totals: SimulationTotals, o: HouseholdOutcome): SimulationTotals {
  totals.households++;
  if (o.change === 'gained') totals.gained++;
  else if (o.change === 'lost') totals.lost++;
  else if (o.change === 'increased') totals.increased++;
  else if (o.change === 'decreased') totals.decreased++;
  totals.beforeMonthlyFen += o.before.amountFen;
  totals.afterMonthlyFen += o.after.amountFen;
  totals.deltaMonthlyFen += o.after.amountFen - o.before.amountFen;
  return totals;
}

/** Adds figures computed elsewhere (the SQL aggregate) to running totals (mutates and returns them). */
export function mergeTotals(totals: SimulationTotals, figures: SimulationTotals): SimulationTotals {
  totals.households += figures.households;
  totals.gained += figures.gained;
  totals.lost += figures.lost;
  totals.increased += figures.increased;
  totals.decreased += figures.decreased;
  totals.beforeMonthlyFen += figures.beforeMonthlyFen;
  totals.afterMonthlyFen += figures.afterMonthlyFen;
  totals.deltaMonthlyFen += figures.deltaMonthlyFen;
  return totals;
}

/** Township (9-digit prefix) of a region code; shorter codes stand for themselves. */
export function townshipOf(regionCode: string): string {
  return regionCode.slice(0, 9);
}

/** New 低保 standards to try, fen per person per month; an area left out keeps its standard. */
export interface StandardOverride {
  urbanFen?: number;
  ruralFen?: number;
}

/** The first month wholly under a change from this date: its own month when it starts on the 1st, else the next. */
export function simulationMonth(effectiveFrom: string): string {
  const month = monthOf(effectiveFrom);
  return effectiveFrom.endsWith('-01') ? month : addMonths(month, 1);
}

/**
 * The parameters of the month with the standards replaced: one version, from the month's first day, copying the
 * version in force then. Applied to every household in scope, whatever region row its standard came from.
 */
export function changedVersions(
  baseline: readonly PolicyParameterVersion[],
  regionCode: string,
  month: string,
  override: StandardOverride,
): PolicyParameterVersion[] {
  const day = firstDayOf(month);
  const inForce = resolveParameters(baseline, regionCode, day);
  const standard = inForce.values.dibaoStandardFen;
  return [
    {
      id: `simulation:${inForce.versionId}`,
      regionCode,
      effectiveFrom: day,
      values: {
        ...inForce.values,
        dibaoStandardFen: { urban: override.urbanFen ?? standard.urban, rural: override.ruralFen ?? standard.rural },
      },
    },
  ];
}
