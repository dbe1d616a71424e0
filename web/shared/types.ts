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
  passwordExpired: boolean;
  passwordExpiresAt: string | null;
  totpEnabled: boolean;
  totpRequired: boolean;
  mustEnrolTotp: boolean;
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
  actionNameEn?: string;
  fromState: string | null;
  fromStateName?: string | null;
  toStateName?: string;
  toState: string;
  actorName: string;
  at: string;
  comment: string | null;
}

export interface CaseAction {
  code: string;
  nameZh: string;
  nameEn: string;
  /** 'transition' | 'vote' (会签/或签 decision) | 'return' | 'transfer' | 'add_approver' | 'remind' | 'withdraw' */
  kind?: string;
  requireComment?: boolean;
  /** The action moves the case into a 会签/或签 step: choose its approvers (input.approvers). */
  approvers?: { step: string; stepName: string; role: string; mode: 'all' | 'any'; min: number };
  /** 驳回: earlier steps to return to (input.toState). */
  targets?: { state: string; stateName: string }[];
  /** 转办/加签: role of the user to choose (GET /cases/:id/candidates?role=). */
  userRole?: string;
}

export interface CaseDetail extends TaskItem {
  data: Record<string, unknown>;
  version: number;
  /** Open, unassigned, and the caller holds the current step's candidate role (`POST /cases/:id/claim` would succeed). */
  claimable: boolean;
  history: CaseHistoryEntry[];
  actions: CaseAction[];
  /** 驳回/转办/加签/催办/撤销 open to the caller. */
  flowActions?: CaseAction[];
  approvals?: CaseApproval[];
  approval?: CaseApprovalStep | null;
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

// 参数设置, 通知公告, 站内信 (docs/api-contract.md § Settings, notices and messages)

export interface SettingItem {
  key: string;
  type: 'string' | 'number' | 'boolean';
  value: string | number | boolean;
  defaultValue: string | number | boolean;
  isDefault: boolean;
  labelZh: string;
  labelEn: string;
  descriptionZh: string;
  descriptionEn: string;
  isPublic: boolean;
  min: number | null;
  max: number | null;
  maxLength: number | null;
  updatedBy: string | null;
  updatedAt: string | null;
}

export type NoticeStatus = 'scheduled' | 'active' | 'expired' | 'withdrawn';

export interface NoticeItem {
  id: string;
  title: string;
  body: string;
  targetRegion: string | null;
  targetRegionName: string | null;
  targetOrgId: string | null;
  targetOrgName: string | null;
  publishOn: string;
  expireOn: string | null;
  publishedByName: string;
  createdAt: string;
  withdrawnAt: string | null;
  status: NoticeStatus;
  readAt: string | null;
}

export interface ManagedNotice extends NoticeItem {
  readCount: number;
  audienceCount: number;
}

export interface NoticeReceipts {
  audience: number;
  read: number;
  items: { userId: string; displayName: string; orgName: string; readAt: string | null }[];
}

/** A list with the caller's unread count (notices, messages). */
export interface InboxPage<T> extends Page<T> {
  unread: number;
}

export interface MessageItem {
  id: string;
  kind: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string | null;
  bodyEn: string | null;
  caseId: string | null;
  createdAt: string;
  readAt: string | null;
}

/** One staff sign-in attempt (GET /login-log). */
export interface LoginLogEntry {
  id: number;
  at: string;
  username: string;
  userId: string | null;
  displayName: string | null;
  success: boolean;
  reason: string;
  ip: string | null;
  userAgent: string | null;
  regionScope: string | null;
}

/** A user with live sessions (GET /online-users). */
export interface OnlineUser {
  userId: string;
  username: string;
  displayName: string;
  orgName: string;
  regionScope: string;
  regionScopeName: string;
  sessions: number;
  signedInAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface TotpStatus {
  enabled: boolean;
  pending: boolean;
  required: boolean;
}

export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
}

// 会签/或签 approval tasks of a case (docs/api-contract.md § Approval steps and kernel actions)

export interface CaseApproval {
  id: string;
  step: string;
  stepName: string;
  round: number;
  mode: 'all' | 'any';
  modeName: string;
  approverId: string;
  approverName: string;
  status: 'pending' | 'approved' | 'rejected' | 'transferred' | 'skipped' | 'withdrawn';
  statusName: string;
  origin: 'assigned' | 'added' | 'transferred';
  decidedAt: string | null;
  comment: string | null;
}

export interface CaseApprovalStep {
  step: string;
  stepName: string;
  mode: 'all' | 'any';
  modeName: string;
  role: string;
  round: number | null;
  pending: number;
}

export interface CaseCandidate {
  id: string;
  displayName: string;
  orgName: string;
}
