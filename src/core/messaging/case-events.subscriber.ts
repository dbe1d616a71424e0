import type { Database } from '../../db/database.ts';
import { systemActor } from '../auth/actor.ts';
import type { DomainEvent, EventBus } from '../events/event-bus.ts';
import { AppError } from '../shared/errors.ts';
import type { WorkflowService } from '../workflow/workflow.service.ts';
import { findState } from '../workflow/workflow-definition.ts';
import {
  filterRecipientsCoveringRegion,
  findUserDisplayName,
  listCandidateRecipients,
} from './case-messages.repository.ts';
import type { NewMessage } from './messages.repository.ts';
import type { MessagesService } from './messages.service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface MessageText {
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
}

interface CaseFacts {
  id: string;
  caseNo: string;
  title: string;
  regionCode: string;
  regionName: string;
  state: string;
  assigneeId: string | null;
  closed: boolean;
  stepDueOn: string | null;
  dueOn: string | null;
  workflowZh: string;
  workflowEn: string;
  stateZh: string;
  stateEn: string;
  candidateRole: string | null;
  businessLine: string;
}

/**
 * Turns case events into inbox messages. Delivery is at least once, so every message of an event is keyed by the
 * event id: handling the same event again writes nothing new. Messages are derived from events whose originating
 * action is already audited, so they write no audit rows of their own.
 */
export function subscribeCaseMessages(deps: {
  db: Database;
  events: EventBus;
  workflow: WorkflowService;
  messages: MessagesService;
}): void {
  const { db, events, workflow, messages } = deps;

  const loadCase = async (caseId: unknown): Promise<CaseFacts | undefined> => {
    if (typeof caseId !== 'string' || !UUID.test(caseId)) return undefined;
    try {
      const c = await workflow.summary(systemActor('messaging'), caseId);
      const def = workflow.getDefinition(c.workflow);
      const step = findState(def, c.state);
      return {
        id: c.id,
        caseNo: c.caseNo,
        title: c.title,
        regionCode: c.regionCode,
        regionName: c.regionName,
        state: c.state,
        assigneeId: c.assigneeId,
        closed: c.closedAt !== null,
        stepDueOn: c.stepDueOn,
        dueOn: c.dueOn,
        workflowZh: def.nameZh,
        workflowEn: def.nameEn,
        stateZh: step?.nameZh ?? c.state,
        stateEn: step?.nameEn ?? c.state,
        candidateRole: step?.candidateRole ?? null,
        businessLine: def.businessLine,
      };
    } catch (err) {
      // A case that no longer exists or of a workflow no longer registered: nothing to tell anyone.
      if (err instanceof AppError && (err.code === 'not_found' || err.code === 'request.invalid')) return undefined;
      throw err;
    }
  };

  const build = (event: DomainEvent, c: CaseFacts, userIds: string[], kind: string, text: MessageText): NewMessage[] =>
    userIds.map((userId) => ({
      userId,
      kind,
      ...text,
      caseId: c.id,
      regionCode: c.regionCode,
      dedupeKey: `event:${event.id}`,
    }));

  /** The step is waiting to be claimed: tell each candidate once. */
  const claimable = async (event: DomainEvent, c: CaseFacts) => {
    if (c.closed || c.assigneeId !== null || !c.candidateRole) return;
    const recipients = await listCandidateRecipients(db, {
      role: c.candidateRole,
      regionCode: c.regionCode,
      businessLine: c.businessLine,
    });
    const due = c.stepDueOn ?? c.dueOn;
    await messages.send(
      build(event, c, recipients, 'case.claimable', {
        titleZh: `新办件待认领:${c.caseNo}「${c.title}」`,
        titleEn: `New case to claim: ${c.caseNo} "${c.title}"`,
        bodyZh: `${c.workflowZh} · ${c.regionName} · 环节「${c.stateZh}」${due ? `,时限 ${due}` : ''}`,
        bodyEn: `${c.workflowEn} · ${c.regionCode} · step "${c.stateEn}"${due ? `, due ${due}` : ''}`,
      }),
    );
  };

  events.subscribe('messaging.case-opened', 'case.opened', async (event) => {
    const c = await loadCase(event.payload.caseId);
    if (c) await claimable(event, c);
  });

  events.subscribe('messaging.case-transitioned', 'case.transitioned', async (event) => {
    const c = await loadCase(event.payload.caseId);
    // The case moved on again before delivery: the later event speaks for the current step.
    if (!c || c.state !== event.payload.to) return;
    await claimable(event, c);
  });

  /**
   * Events that name the people concerned ({caseId, userIds, by}): 催办 reminders, 转办 transfers and approvers
   * chosen for a 会签/或签 step. Only active users who can open the case are told.
   */
  const named =
    (kind: string, text: (c: CaseFacts, byName: string, due: string | null) => MessageText) =>
    async (event: DomainEvent) => {
      const c = await loadCase(event.payload.caseId);
      if (!c || c.closed) return;
      const ids = Array.isArray(event.payload.userIds)
        ? event.payload.userIds.filter((u): u is string => typeof u === 'string' && UUID.test(u))
        : [];
      const to = await filterRecipientsCoveringRegion(db, ids, c.regionCode);
      if (to.length === 0) return;
      const by = event.payload.by;
      const byName = typeof by === 'string' ? ((UUID.test(by) ? await findUserDisplayName(db, by) : by) ?? '') : '';
      await messages.send(build(event, c, to, kind, text(c, byName, c.stepDueOn ?? c.dueOn)));
    };

  events.subscribe(
    'messaging.case-reminded',
    'case.reminded',
    named('case.reminded', (c, byName, due) => ({
      titleZh: `催办:${c.caseNo}「${c.title}」`,
      titleEn: `Reminder: ${c.caseNo} "${c.title}"`,
      bodyZh: `${byName ? `${byName} ` : ''}催办该办件,请尽快办理${due ? `(时限 ${due})` : ''}`,
      bodyEn: `${byName ? `Reminder from ${byName}` : 'Reminder'}: please act on this case soon${due ? ` (due ${due})` : ''}`,
    })),
  );
  events.subscribe(
    'messaging.case-transferred',
    'case.transferred',
    named('case.assigned', (c, byName) => ({
      titleZh: `办件转交给您:${c.caseNo}「${c.title}」`,
      titleEn: `Case transferred to you: ${c.caseNo} "${c.title}"`,
      bodyZh: `${byName ? `${byName} 将` : ''}环节「${c.stateZh}」转交给您办理`,
      bodyEn: `${byName ? `${byName} handed` : 'Handed'} step "${c.stateEn}" over to you`,
    })),
  );
  events.subscribe(
    'messaging.case-approvers-assigned',
    'case.approvers_assigned',
    named('case.assigned', (c, byName, due) => ({
      titleZh: `待您审批:${c.caseNo}「${c.title}」`,
      titleEn: `Awaiting your approval: ${c.caseNo} "${c.title}"`,
      bodyZh: `${byName ? `${byName} 选定您参与` : '您被选定参与'}「${c.stateZh}」${due ? `,时限 ${due}` : ''}`,
      bodyEn: `${byName ? `${byName} chose you` : 'You were chosen'} for step "${c.stateEn}"${due ? `, due ${due}` : ''}`,
    })),
  );
}
