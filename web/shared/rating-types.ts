// Shapes from docs/api-contract.md (v1). Keep in sync with the contract, not with server internals.
// 好差评 service rating (docs/api-contract.md § Service rating)

export type RatingGrade = 'very_satisfied' | 'satisfied' | 'basically_satisfied' | 'dissatisfied' | 'very_dissatisfied';

export type RatingDimension = 'efficiency' | 'competence' | 'attitude' | 'guide_accuracy' | 'convenience' | 'usability';

export interface PortalRateableCase {
  caseId: string;
  caseNo: string;
  title: string;
  stateName: string;
  stateNameEn: string;
  closedAt: string | null;
  rating: { grade: RatingGrade; ratedOn: string } | null;
}

export interface RatingStatsRow {
  orgId: string | null;
  orgName: string;
  counts: Record<RatingGrade, number>;
  total: number;
  satisfactionRate: number | null;
  openFollowUps: number;
}

export interface RatingStats {
  from: string | null;
  to: string | null;
  grades: { code: RatingGrade; score: number; nameZh: string; nameEn: string }[];
  items: RatingStatsRow[];
  totals: { counts: Record<RatingGrade, number>; total: number; satisfactionRate: number | null };
}
