/**
 * Verified facts (pure): what the household declared, with each finding the investigator resolved 'accept_found'
 * applied in the order resolved. Also the comparison a data check makes against the declared facts, so only a real
 * difference becomes a finding.
 */

import type { ApplicationFacts, IncomeRecord, PersonFacts, SpendingRecord } from '../rules/facts.ts';
import type { FactCheck } from './verification.schema.ts';

/** The declared value of the fact a check is about, in the same shape as the check (for the finding's record). */
export function declaredValue(facts: ApplicationFacts, check: FactCheck): unknown {
  switch (check.category) {
    case 'income': {
      const matching = facts.incomes.filter(
        (i) => i.memberId === check.memberId && i.category === check.incomeCategory && i.kind === check.kind,
      );
      return {
        amountFen: matching.reduce((s, i) => s + i.amountFen, 0),
        costFen: matching.reduce((s, i) => s + (i.costFen ?? 0), 0),
      };
    }
    case 'financialAssets':
      return { amountFen: facts.assets.financialAssetsFen };
    case 'vehicles':
      return { vehicles: facts.assets.vehicles.map((v) => ({ valueFen: v.valueFen })) };
    case 'dwellingBeyondAreaRule':
      return { value: facts.assets.dwellingBeyondAreaRule };
    case 'businessEmployingOthers':
      return { value: facts.assets.businessEmployingOthers };
    case 'spending': {
      const matching = facts.spending.filter((s) => s.memberId === check.memberId && s.kind === check.kind);
      return { amountFen: matching.reduce((s, r) => s + r.amountFen, 0) };
    }
    case 'person': {
      const p = facts.persons.find((x) => x.id === check.memberId);
      const out: Record<string, unknown> = {};
      if (check.livesTogether !== undefined) out.livesTogether = p?.livesTogether ?? null;
      if (check.disability !== undefined) out.disability = p?.disability ?? null;
      if (check.majorDisease !== undefined) out.majorDisease = p?.majorDisease ?? false;
      if (check.imprisoned !== undefined) out.imprisoned = p?.imprisoned ?? false;
      if (check.supporterAbleToSupport !== undefined) out.supporterAbleToSupport = p?.supporterAbleToSupport ?? null;
      return out;
    }
  }
}

/** The found value of a check in the same shape as declaredValue, to compare and to show side by side. */
export function foundValue(check: FactCheck): unknown {
  switch (check.category) {
    case 'income':
      return { amountFen: check.amountFen, costFen: check.costFen ?? 0 };
    case 'financialAssets':
    case 'spending':
      return { amountFen: check.amountFen };
    case 'vehicles':
      return { vehicles: check.vehicles };
    case 'dwellingBeyondAreaRule':
    case 'businessEmployingOthers':
      return { value: check.value };
    case 'person': {
      const { category: _c, memberId: _m, ...rest } = check;
      return rest;
    }
  }
}

/** True when the found fact differs from what was declared (a finding must be raised). */
export function differsFromDeclared(facts: ApplicationFacts, check: FactCheck): boolean {
  return canonical(declaredValue(facts, check)) !== canonical(foundValue(check));
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** Applies one found fact to the facts, returning new facts (the input is not changed). */
export function applyCheck(facts: ApplicationFacts, check: FactCheck): ApplicationFacts {
  switch (check.category) {
    case 'income': {
      const others = facts.incomes.filter(
        (i) => !(i.memberId === check.memberId && i.category === check.incomeCategory && i.kind === check.kind),
      );
      const found: IncomeRecord[] =
        check.amountFen > 0
          ? [
              {
                memberId: check.memberId,
                category: check.incomeCategory,
                kind: check.kind,
                amountFen: check.amountFen,
                ...(check.costFen ? { costFen: check.costFen } : {}),
              },
            ]
          : [];
      return { ...facts, incomes: [...others, ...found] };
    }
    case 'financialAssets':
      return { ...facts, assets: { ...facts.assets, financialAssetsFen: check.amountFen } };
    case 'vehicles':
      return { ...facts, assets: { ...facts.assets, vehicles: check.vehicles.map((v) => ({ valueFen: v.valueFen })) } };
    case 'dwellingBeyondAreaRule':
      return { ...facts, assets: { ...facts.assets, dwellingBeyondAreaRule: check.value } };
    case 'businessEmployingOthers':
      return { ...facts, assets: { ...facts.assets, businessEmployingOthers: check.value } };
    case 'spending': {
      const others = facts.spending.filter((s) => !(s.memberId === check.memberId && s.kind === check.kind));
      const found: SpendingRecord[] =
        check.amountFen > 0
          ? [{ ...(check.memberId ? { memberId: check.memberId } : {}), kind: check.kind, amountFen: check.amountFen }]
          : [];
      return { ...facts, spending: [...others, ...found] };
    }
    case 'person':
      return {
        ...facts,
        persons: facts.persons.map((p) => (p.id === check.memberId ? applyPersonCheck(p, check) : p)),
      };
  }
}

function applyPersonCheck(p: PersonFacts, check: Extract<FactCheck, { category: 'person' }>): PersonFacts {
  const next: PersonFacts = { ...p };
  if (check.livesTogether !== undefined) next.livesTogether = check.livesTogether;
  if (check.majorDisease !== undefined) next.majorDisease = check.majorDisease;
  if (check.imprisoned !== undefined) next.imprisoned = check.imprisoned;
  if (check.supporterAbleToSupport !== undefined) next.supporterAbleToSupport = check.supporterAbleToSupport;
  if (check.disability === null) delete next.disability;
  else if (check.disability !== undefined) next.disability = check.disability;
  return next;
}

export interface ResolvedFinding {
  check: FactCheck;
  outcome: 'accept_found' | 'keep_declared';
}

/** Verified facts = declared facts with the resolved findings that accepted the found value applied, in order. */
export function verifiedFacts(declared: ApplicationFacts, findings: readonly ResolvedFinding[]): ApplicationFacts {
  return findings
    .filter((f) => f.outcome === 'accept_found')
    .reduce((facts, f) => applyCheck(facts, f.check), declared);
}
