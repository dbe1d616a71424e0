import type { z } from 'zod';
import type { Queryable } from '../../db/database.ts';
import type { Actor } from '../auth/actor.ts';

/**
 * A step decided by named people rather than by whoever claims it: 会签 (mode 'all': every approver must approve)
 * or 或签 (mode 'any': the first approval decides). Whoever moves the case into the step chooses the approvers.
 */
export interface ApprovalDef {
  mode: 'all' | 'any';
  /** Role every approver must hold (and keep holding when deciding). */
  role: string;
  /** Transition taken once the step is approved (all approvers for 会签, the first one for 或签). */
  approve: string;
  /** The step's reject rule: transition taken as soon as one approver rejects. */
  reject: string;
  /** Fewest approvers to choose when entering the step (e.g. 会签 of at least two reviewers). */
  minApprovers?: number;
}

export interface StateDef {
  nameZh: string;
  nameEn: string;
  final?: boolean;
  /** Role whose members may claim and act on a case in this state. */
  candidateRole?: string;
  /** Working days allowed for this step, counted from entering it (unless it shares a clock, below). */
  stepWorkingDays?: number;
  /**
   * States naming the same clock share one deadline: moving from one of them to another keeps the step due date set
   * when the case entered the first of them (e.g. 低保 verification and township review both within 10 working days
   * of acceptance). Entering from a state without this clock starts it afresh.
   */
  stepClock?: string;
  /** 会签/或签: the step is decided by approval tasks of chosen people (see ApprovalDef). */
  approval?: ApprovalDef;
}

export interface EffectContext {
  tx: Queryable;
  actor: Actor;
  caseId: string;
  regionCode: string;
  data: Record<string, unknown>;
  input: Record<string, unknown>;
  /** The service's today (China time), so effects date their changes like the SLA clock does. */
  today: string;
}

export interface TransitionDef {
  nameZh: string;
  nameEn: string;
  from: readonly string[];
  to: string;
  /** Roles allowed to take this transition. */
  roles: readonly string[];
  input?: z.ZodType<Record<string, unknown>>;
  requireComment?: boolean;
  /** Side effect run in the same transaction as the state change. */
  effect?: (ctx: EffectContext) => Promise<void>;
}

export interface OpenContext {
  tx: Queryable;
  actor: Actor;
  regionCode: string;
  subjectType: string | null;
  subjectId: string | null;
  data: Record<string, unknown>;
}

export interface WorkflowDef {
  code: string;
  nameZh: string;
  nameEn: string;
  businessLine: string;
  initial: string;
  /** Whole-procedure limit in working days from receipt. */
  totalWorkingDays?: number;
  states: Record<string, StateDef>;
  transitions: Record<string, TransitionDef>;
  /** Shape of the case data; checked when the case is opened (field errors name data.<field>). */
  data?: z.ZodType<Record<string, unknown>>;
  /** Further checks at opening against the database (e.g. the subject exists in the actor's scope). */
  checkOpen?: (ctx: OpenContext) => Promise<void>;
  /**
   * At most one open case of this workflow per subject (one application per household): a unique index holds it,
   * so two concurrent openings cannot both land. The second is refused with this text and the open case's number.
   */
  oneOpenPerSubject?: { field: string; messageZh: (caseNo: string) => string; messageEn: (caseNo: string) => string };
}

/** Actions the kernel itself records in every case's history; no workflow may reuse these codes. */
export const KERNEL_ACTIONS = {
  open: { nameZh: '受理', nameEn: 'Open' },
  claim: { nameZh: '认领', nameEn: 'Claim' },
  countersign: { nameZh: '会签', nameEn: 'Countersign' },
  or_sign: { nameZh: '或签', nameEn: 'Sign (any one)' },
  return: { nameZh: '驳回', nameEn: 'Return' },
  transfer: { nameZh: '转办', nameEn: 'Transfer' },
  add_approver: { nameZh: '加签', nameEn: 'Add approver' },
  remind: { nameZh: '催办', nameEn: 'Remind' },
  withdraw: { nameZh: '撤销', nameEn: 'Withdraw' },
  /** 延期: the whole-procedure due date moved with a reason (recorded by the business line, e.g. 社会救助). */
  extend: { nameZh: '延期', nameEn: 'Extend the time limit' },
} as const;

export type KernelAction = keyof typeof KERNEL_ACTIONS;

export function isKernelAction(code: string): code is KernelAction {
  return Object.hasOwn(KERNEL_ACTIONS, code);
}

/** The state a withdrawn (撤销) case closes in; every workflow has it implicitly. */
export const WITHDRAWN_STATE = 'withdrawn';
const WITHDRAWN_DEF: StateDef = { nameZh: '已撤销', nameEn: 'Withdrawn', final: true };

/** A state of the workflow, including the kernel's implicit 'withdrawn'. */
export function findState(def: WorkflowDef, code: string): StateDef | undefined {
  if (Object.hasOwn(def.states, code)) return def.states[code];
  return code === WITHDRAWN_STATE ? WITHDRAWN_DEF : undefined;
}

/** Checks a definition once at registration: states exist, kernel codes are not reused, approval steps are whole. */
export function defineWorkflow<W extends WorkflowDef>(def: W): W {
  if (!def.states[def.initial]) throw new Error(`${def.code}: unknown initial state ${def.initial}`);
  if (Object.hasOwn(def.states, WITHDRAWN_STATE)) throw new Error(`${def.code}: state ${WITHDRAWN_STATE} is reserved`);
  for (const [code, t] of Object.entries(def.transitions)) {
    if (isKernelAction(code)) throw new Error(`${def.code}: transition code ${code} is reserved by the kernel`);
    for (const s of [...t.from, t.to]) {
      if (!def.states[s]) throw new Error(`${def.code}.${code}: unknown state ${s}`);
    }
  }
  for (const [code, s] of Object.entries(def.states)) {
    const a = s.approval;
    if (!a) continue;
    if (s.candidateRole) throw new Error(`${def.code}.${code}: an approval step has approvers, not a candidate role`);
    if (s.final) throw new Error(`${def.code}.${code}: a final state cannot be an approval step`);
    // approvers are chosen by whoever moves the case in; at opening nobody has chosen them yet
    if (code === def.initial) throw new Error(`${def.code}.${code}: the initial state cannot be an approval step`);
    for (const t of [a.approve, a.reject]) {
      const tr = def.transitions[t];
      if (!tr?.from.includes(code)) throw new Error(`${def.code}.${code}: approval transition ${t} must leave it`);
      if (!tr.roles.includes(a.role)) throw new Error(`${def.code}.${t}: must allow the approval role ${a.role}`);
    }
    if (a.approve === a.reject) throw new Error(`${def.code}.${code}: approve and reject must differ`);
  }
  return def;
}
