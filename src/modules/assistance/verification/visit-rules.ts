/**
 * Verification completeness (pure). A home visit is made by two investigators (DOMAIN §1.1 "home visit by two
 * investigators"): the one who records it signs first, a second, different staff member confirms by signing. Only
 * then does it count. Verification ends when the authorisation is on file, a home visit is complete and no finding
 * is open.
 */

export interface VisitSnapshot {
  kind: 'home_visit' | 'neighbour_interview';
  investigatorIds: readonly string[];
}

/** A visit counts once two distinct people have signed it. */
export function isVisitComplete(visit: VisitSnapshot): boolean {
  return new Set(visit.investigatorIds).size >= 2;
}

export interface VerificationState {
  authorised: boolean;
  visits: readonly VisitSnapshot[];
  openFindings: number;
}

export interface Missing {
  code: 'authorisation' | 'home_visit' | 'open_findings';
  zh: string;
  en: string;
}

/** What still keeps verification from ending; empty = it may end. */
export function missingForVerification(state: VerificationState): Missing[] {
  const missing: Missing[] = [];
  if (!state.authorised) {
    missing.push({
      code: 'authorisation',
      zh: '缺少家庭经济状况核对授权书',
      en: 'the signed authorisation for data checks is missing',
    });
  }
  if (!state.visits.some((v) => v.kind === 'home_visit' && isVisitComplete(v))) {
    missing.push({
      code: 'home_visit',
      zh: '缺少两名调查人员签字的入户调查记录',
      en: 'no home visit signed by two different investigators',
    });
  }
  if (state.openFindings > 0) {
    missing.push({
      code: 'open_findings',
      zh: `还有${state.openFindings}条核查差异未处理`,
      en: `${state.openFindings} finding(s) still open`,
    });
  }
  return missing;
}
