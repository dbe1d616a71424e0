import type { z } from 'zod';
import type { Queryable } from '../../db/database.ts';
import type { Actor } from '../auth/actor.ts';

export interface StateDef {
  nameZh: string;
  nameEn: string;
  final?: boolean;
  /** Role whose members may claim and act on a case in this state. */
  candidateRole?: string;
  /** Working days allowed for this step, counted from entering it. */
  stepWorkingDays?: number;
}

export interface EffectContext {
  tx: Queryable;
  actor: Actor;
  caseId: string;
  regionCode: string;
  data: Record<string, unknown>;
  input: Record<string, unknown>;
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
}

/** Checks a definition once at registration: every state named by a transition exists. */
export function defineWorkflow<W extends WorkflowDef>(def: W): W {
  if (!def.states[def.initial]) throw new Error(`${def.code}: unknown initial state ${def.initial}`);
  for (const [code, t] of Object.entries(def.transitions)) {
    for (const s of [...t.from, t.to]) {
      if (!def.states[s]) throw new Error(`${def.code}.${code}: unknown state ${s}`);
    }
  }
  return def;
}
