// Shapes from docs/api-contract.md (v1). Keep in sync with the contract, not with server internals.

export interface Page<T> {
  items: T[];
  total: number;
}

export interface FieldError {
  field: string;
  message_zh: string;
  message_en: string;
}

export interface ApiErrorBody {
  code: string;
  message_zh: string;
  message_en: string;
  fields?: FieldError[];
}

export interface RoleRef {
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
  regionScope: string;
  regionScopeName: string;
  roles: RoleRef[];
  permissions: string[];
  businessLines: string[];
  mustChangePassword: boolean;
}

export interface RegionNode {
  code: string;
  name: string;
  level: number;
  hasChildren: boolean;
}

export interface RegionSearchHit {
  code: string;
  name: string;
  level: number;
  path: string;
}

export interface RegionDetail {
  code: string;
  name: string;
  level: number;
  path: string;
  parent: string | null;
}

export interface PersonItem {
  id: string;
  name: string;
  sex: string;
  birthDate: string;
  age: number;
  idNumberMasked: string;
  phoneMasked: string | null;
  regionCode: string;
  regionName: string;
  householdId: string | null;
  householdNo: string | null;
  disabilityCategory: string | null;
  disabilityLevel: string | number | null;
}

export interface PersonDetail extends PersonItem {
  ethnicity: string | null;
  hukouRegionCode: string | null;
  healthStatus: string | null;
  labourCapacity: string | null;
  employmentStatus: string | null;
  monthlyIncomeFen: number | null;
  deceasedOn: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface RevealResult {
  idNumber: string;
  phone: string | null;
}

export interface HouseholdItem {
  id: string;
  householdNo: string;
  headName: string;
  address: string;
  regionCode: string;
  regionName: string;
  memberCount: number;
}

export interface HouseholdMember {
  personId: string;
  name: string;
  relationCode: string;
  relationName: string;
  idNumberMasked: string;
  age: number;
  sex: string;
  validFrom: string;
  validTo: string | null;
}

export interface HouseholdDetail extends HouseholdItem {
  members: HouseholdMember[];
  history: HouseholdMember[];
}

export type TaskScope = 'mine' | 'claimable' | 'all';

export interface TaskItem {
  id: string;
  caseNo: string;
  workflow: string;
  workflowName: string;
  title: string;
  state: string;
  stateName: string;
  regionCode: string;
  regionName: string;
  assigneeId: string | null;
  assigneeName: string | null;
  receivedOn: string;
  dueOn: string | null;
  stepDueOn: string | null;
  overdue: boolean;
}

export interface CaseHistoryEntry {
  seq: number;
  action: string;
  actionName: string;
  fromState: string | null;
  toState: string;
  actorName: string;
  at: string;
  comment: string | null;
}

export interface CaseAction {
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface CaseDetail extends TaskItem {
  data: Record<string, unknown>;
  version: number;
  /** Open, unassigned, and the caller holds the current step's candidate role (`POST /cases/:id/claim` would succeed). */
  claimable: boolean;
  history: CaseHistoryEntry[];
  actions: CaseAction[];
}

export interface UserItem {
  id: string;
  username: string;
  displayName: string;
  orgName: string;
  regionScope: string;
  regionScopeName: string;
  roles: string[];
  isActive: boolean;
  lockedUntil: string | null;
}

export interface Role {
  code: string;
  nameZh: string;
  nameEn: string;
  level: number | string;
  permissions: string[];
  businessLines: string[];
}

export interface Org {
  id: string;
  name: string;
  kind: string;
  regionCode: string;
  regionName: string;
  parentId: string | null;
}

export interface AuditEntry {
  id: string | number;
  at: string;
  actorName: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  regionCode: string | null;
  ip: string | null;
  reason: string | null;
  detail: unknown;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBadId?: string | number | null;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | string;

export interface Job {
  id: string;
  name: string;
  status: JobStatus;
  progress: number | null;
  total: number | null;
  message: string | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface DictionaryItem {
  value: string;
  labelZh: string;
  labelEn: string;
}

export interface PortalMe {
  name: string;
  idNumberMasked: string;
  phoneMasked: string;
  household: {
    householdNo: string;
    address: string;
    regionName: string;
    members: { name: string; relationName: string; age: number }[];
  } | null;
  cases: { caseNo: string; title: string; stateName: string; receivedOn: string; dueOn: string | null }[];
}
