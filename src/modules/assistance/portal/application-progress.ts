/**
 * 办理进度: the steps of an assistance application as a resident sees them — each step, the organisation handling it,
 * its due date and whether it is done, under way or still to come. Pure: built from the case's state, its history
 * and its dates (workflow 'assistance.application', see ../application/README.md).
 */

export type StepStatus = 'done' | 'current' | 'pending' | 'skipped' | 'failed';

export interface ProgressStep {
  key: string;
  nameZh: string;
  nameEn: string;
  organisation: string;
  status: StepStatus;
  /** When the step was finished (ISO timestamp), from the case history. */
  doneAt: string | null;
  dueOn: string | null;
  overdue: boolean;
  note: string | null;
}

export interface ProgressHistoryRow {
  action: string;
  fromState: string | null;
  toState: string;
  at: string;
  comment: string | null;
}

export interface ProgressInput {
  state: string;
  receivedOn: string;
  /** Whole procedure (30 working days, extendable). */
  dueOn: string | null;
  /** Verification + township review clock (10 working days from acceptance). */
  stepDueOn: string | null;
  history: readonly ProgressHistoryRow[];
  publicity: { startsOn: string; endsOn: string } | null;
  villageName: string;
  townshipName: string;
  districtName: string;
  today: string;
}

interface StepDef {
  key: string;
  state: string;
  nameZh: string;
  nameEn: string;
  organisation: (input: ProgressInput) => string;
  dueOn: (input: ProgressInput) => string | null;
}

const civilAffairs = (input: ProgressInput) => `${input.districtName}民政局`;
const township = (input: ProgressInput) => input.townshipName;

const STEPS: readonly StepDef[] = [
  {
    key: 'accept',
    state: 'submitted',
    nameZh: '受理',
    nameEn: 'Acceptance',
    organisation: township,
    dueOn: () => null,
  },
  {
    key: 'verify',
    state: 'verifying',
    nameZh: '家庭经济状况核查(入户调查)',
    nameEn: 'Household economic verification (home visit)',
    organisation: township,
    dueOn: (i) => i.stepDueOn,
  },
  {
    key: 'review',
    state: 'township_review',
    nameZh: '乡镇(街道)审核',
    nameEn: 'Township review',
    organisation: township,
    dueOn: (i) => i.stepDueOn,
  },
  {
    key: 'publicity',
    state: 'publicity',
    nameZh: '村(社区)公示',
    nameEn: 'Public notice in the village',
    organisation: (i) => i.villageName,
    dueOn: (i) => i.publicity?.endsOn ?? null,
  },
  {
    key: 'approve',
    state: 'district_approval',
    nameZh: '区县民政部门审批',
    nameEn: 'District approval',
    organisation: civilAffairs,
    dueOn: (i) => i.dueOn,
  },
];

const CLOSED: Record<string, { nameZh: string; nameEn: string; ok: boolean }> = {
  approved: { nameZh: '批准救助', nameEn: 'Approved', ok: true },
  refused: { nameZh: '不予批准', nameEn: 'Refused', ok: false },
  not_accepted: { nameZh: '不予受理', nameEn: 'Not accepted', ok: false },
};

/** The time the case last left a state (the step's completion), or null. */
function leftAt(history: readonly ProgressHistoryRow[], state: string): string | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const row = history[i];
    if (row.fromState === state && row.toState !== state) return row.at;
  }
  return null;
}

/** The step a closed case was closed from (the last transition into the closed state). */
function closedFrom(history: readonly ProgressHistoryRow[], state: string): ProgressHistoryRow | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    if (history[i].toState === state) return history[i];
  }
  return undefined;
}

/** Builds the resident's view of the steps, ending with the result once the case is closed. */
export function applicationProgress(input: ProgressInput): ProgressStep[] {
  const closed = CLOSED[input.state];
  const closing = closed ? closedFrom(input.history, input.state) : undefined;
  const currentIndex = closed
    ? STEPS.findIndex((s) => s.state === (closing?.fromState ?? 'district_approval'))
    : STEPS.findIndex((s) => s.state === input.state);
  const steps: ProgressStep[] = STEPS.map((def, index) => {
    let status: StepStatus;
    if (closed?.ok) status = 'done';
    else if (closed) status = index < currentIndex ? 'done' : index === currentIndex ? 'failed' : 'skipped';
    else status = index < currentIndex ? 'done' : index === currentIndex ? 'current' : 'pending';
    const dueOn = def.dueOn(input);
    const doneAt =
      status === 'done' ? leftAt(input.history, def.state) : status === 'failed' ? (closing?.at ?? null) : null;
    return {
      key: def.key,
      nameZh: def.nameZh,
      nameEn: def.nameEn,
      organisation: def.organisation(input),
      status,
      doneAt,
      dueOn: status === 'skipped' ? null : dueOn,
      overdue: status === 'current' && dueOn !== null && dueOn < input.today,
      note: status === 'failed' ? (closing?.comment ?? null) : null,
    };
  });
  const submitted: ProgressStep = {
    key: 'submit',
    nameZh: '提交申请',
    nameEn: 'Application submitted',
    organisation: input.townshipName,
    status: 'done',
    doneAt: input.history[0]?.at ?? null,
    dueOn: input.receivedOn,
    overdue: false,
    note: null,
  };
  const result: ProgressStep = {
    key: 'result',
    nameZh: closed ? closed.nameZh : '办理结果',
    nameEn: closed ? closed.nameEn : 'Result',
    organisation: input.state === 'not_accepted' ? input.townshipName : civilAffairs(input),
    status: closed ? (closed.ok ? 'done' : 'failed') : 'pending',
    doneAt: closing?.at ?? null,
    dueOn: closed ? null : input.dueOn,
    overdue: !closed && input.dueOn !== null && input.dueOn < input.today,
    note: closing?.comment ?? null,
  };
  return [submitted, ...steps, result];
}
