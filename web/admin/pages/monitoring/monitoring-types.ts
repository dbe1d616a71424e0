/** Shapes of the /monitoring API (src/modules/monitoring/monitoring.service.ts). */
export interface MonitoringWarning {
  id: string;
  ruleCode: string;
  kind: 'warning' | 'outreach' | 'recheck';
  personId: string | null;
  personName: string | null;
  personIdMasked: string | null;
  householdId: string | null;
  householdNo: string | null;
  regionCode: string;
  severity: 'high' | 'medium' | 'low';
  status: 'open' | 'in_progress' | 'closed';
  assigneeRole: string;
  assigneeId: string | null;
  dueOn: string;
  overdue: boolean;
  escalationLevel: number;
  outcome: 'visited' | 'assistance_started' | 'dismissed' | null;
  outcomeNote: string | null;
  caseId: string | null;
  closedAt: string | null;
  createdAt: string;
  version: number;
}

export interface MonitoringNote {
  id: number;
  kind: 'visit' | 'note';
  visitedOn: string | null;
  note: string;
  actor: string;
  createdAt: string;
}

export interface MonitoringWarningDetail extends MonitoringWarning {
  evidence: Record<string, unknown>;
  notes: MonitoringNote[];
}

export interface MonitoringRule {
  code: string;
  nameZh: string;
  nameEn: string;
  severity: 'high' | 'medium' | 'low';
  dueWorkingDays: number;
  actRole: string;
  enabled: boolean;
  params: Record<string, unknown>;
  updatedBy: string | null;
  updatedAt: string;
  version: number;
}

export interface MonitoringStats {
  byRule: Array<{ rule_code: string; open: number; closed: number; overdue: number }>;
  byStatus: Array<{ status: string; n: number }>;
  closeDays: Array<{ rule_code: string; closed: number; avg_days: number | null; max_days: number | null }>;
}

export const SEVERITY_COLORS: Record<string, string> = { high: 'red', medium: 'orange', low: 'blue' };
export const STATUS_COLORS: Record<string, string> = { open: 'gold', in_progress: 'blue', closed: 'green' };
