/**
 * "Assistance started" from a warning: a temporary assistance (支出型临时救助) application for the warning's
 * household, taken by the coordinator through the assistance line's application service (its public `apply`).
 * The self-paid medical cost on the warning's evidence becomes the declared medical spending.
 */
import type { Actor } from '../../core/auth/actor.ts';
import { areaOfRegion } from '../../core/region/region-tree.ts';
import type { TemporaryAssistanceOpener } from './monitoring.service.ts';

/** What monitoring needs of the assistance line's ApplicationService. */
export interface ApplicationTaker {
  apply(actor: Actor, input: TemporaryAssistanceApplication): Promise<{ caseId: string } | unknown>;
}

export interface TemporaryAssistanceApplication {
  householdId: string;
  applicantPersonId: string;
  channel: 'coordinator';
  area: 'urban' | 'rural';
  requested: ['temporaryAssistanceExpenditure'];
  emergency: boolean;
  needs: [];
  members: [];
  incomes: [];
  spending: Array<{ memberId?: string; kind: 'medical'; amountFen: number }>;
  assets: {
    financialAssetsFen: number;
    vehicles: [];
    dwellingBeyondAreaRule: boolean;
    businessEmployingOthers: boolean;
  };
}

/** The medical spending a warning's evidence shows (hospitalisation self-paid, else the record amount). */
export function medicalSpendingFen(evidence: unknown): number {
  if (typeof evidence !== 'object' || evidence === null) return 0;
  const e = evidence as { amountFen?: unknown; payload?: { self_paid_fen?: unknown } };
  if (typeof e.payload?.self_paid_fen === 'number') return e.payload.self_paid_fen;
  return typeof e.amountFen === 'number' ? e.amountFen : 0;
}

/** Builds the opener on the assistance line's service; `headOf` names the applicant when the warning has no person. */
export function temporaryAssistanceOpener(
  taker: ApplicationTaker,
  headOf: (householdId: string) => Promise<string | null>,
): TemporaryAssistanceOpener {
  return async (actor, request) => {
    const applicant = request.personId ?? (await headOf(request.householdId));
    if (!applicant) throw new Error(`household ${request.householdId} has no head to apply for`);
    const medical = medicalSpendingFen(request.evidence);
    const result = await taker.apply(actor, {
      householdId: request.householdId,
      applicantPersonId: applicant,
      channel: 'coordinator',
      area: areaOfRegion(request.regionCode),
      requested: ['temporaryAssistanceExpenditure'],
      emergency: false,
      needs: [],
      members: [],
      incomes: [],
      spending: medical > 0 ? [{ memberId: applicant, kind: 'medical', amountFen: medical }] : [],
      assets: { financialAssetsFen: 0, vehicles: [], dwellingBeyondAreaRule: false, businessEmployingOthers: false },
    });
    const caseId = (result as { caseId?: unknown }).caseId;
    if (typeof caseId !== 'string') throw new Error('the assistance application returned no case id');
    return { caseId };
  };
}
