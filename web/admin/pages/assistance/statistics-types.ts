/** The shapes of GET /assistance/statistics as the statistics page reads them. */

export const PROGRAMME_CODES = [
  'extremePovertySupport',
  'minimumLivingAllowance',
  'singlePersonAllowance',
  'lowIncomeMarginal',
  'rigidExpenditureHardship',
  'temporaryAssistanceEmergency',
  'temporaryAssistanceExpenditure',
] as const;

export interface Figures {
  households: number;
  recipients: number;
  newCount: number;
  exitedCount: number;
  amountFen: number;
}

export interface MonthFigures extends Figures {
  month: string;
  paidLines: number;
}

export interface RegionFigures extends Figures {
  regionCode: string;
  regionName: string;
}

export interface ProgrammeFigures extends Figures {
  programme: string;
  programmeName: string;
  programmeNameEn: string;
}

export interface ProcessingFigures {
  regionCode: string;
  regionName: string;
  closed: number;
  avgWorkingDays: number | null;
  maxWorkingDays: number | null;
  closedLate: number;
  open: number;
  overdue: number;
}

export interface OverdueApplication {
  id: string;
  caseNo: string;
  title: string;
  stateName: string;
  stateNameEn: string;
  regionName: string;
  receivedOn: string;
  dueOn: string;
  overdueWorkingDays: number;
  assigneeName: string | null;
}

/** GET /assistance/statistics */
export interface AssistanceStatistics {
  region: { code: string; name: string };
  programme: string | null;
  from: string;
  to: string;
  groupLength: number;
  months: MonthFigures[];
  regions: RegionFigures[];
  regionTotal: Figures;
  programmes: ProgrammeFigures[];
  processing: ProcessingFigures[];
  overdue: { total: number; items: OverdueApplication[] };
}
