/**
 * The monitoring workbench: warnings and discovery tasks in the actor's scope, their notes and outcomes, rule
 * settings, escalation of overdue warnings and the Excel export. Every write is one audited transaction.
 */
import { recordAudit } from '../../core/audit/audit.repository.ts';
import { type Actor, coversBusinessLine, hasPermission, systemActor } from '../../core/auth/actor.ts';
import type { MessagesService } from '../../core/messaging/index.ts';
import { AppError, notFound } from '../../core/shared/errors.ts';
import type { Database, Queryable } from '../../db/database.ts';
import {
  caseExistsInScope,
  closeWarning,
  escalateOverdue,
  findRule,
  findTownshipReviewers,
  findWarningInScope,
  insertMissingRules,
  insertNote,
  listNotes,
  listRules,
  listWarnings,
  lockWarning,
  type RuleRow,
  updateRule,
  type WarningRow,
  warningStats,
} from './monitoring.repository.ts';
import type { CloseInput, NoteInput, RuleUpdateInput, WarningExportQuery, WarningQuery } from './monitoring.schema.ts';
import type { MonitoringEvaluator } from './monitoring-evaluator.ts';
import { isRuleCode } from './monitoring-rules.ts';
import { exportWarningsXlsx } from './warning-export.ts';
import { presentWarning } from './warning-presenter.ts';

/** Opens a temporary assistance application for a warning's household (the assistance line's service). */
export type TemporaryAssistanceOpener = (
  actor: Actor,
  request: { householdId: string; personId: string | null; regionCode: string; note: string; evidence: unknown },
) => Promise<{ caseId: string }>;

export interface MonitoringDeps {
  db: Database;
  messages: MessagesService;
  evaluator: Pick<MonitoringEvaluator, 'discover' | 'evaluate'>;
  today: () => string;
}

function presentRule(r: RuleRow) {
  return {
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    severity: r.severity,
    dueWorkingDays: r.due_working_days,
    actRole: r.act_role,
    enabled: r.enabled,
    params: r.params,
    updatedBy: r.updated_by,
    updatedAt: new Date(r.updated_at).toISOString(),
    version: r.version,
  };
}

export class MonitoringService {
  private readonly deps: MonitoringDeps;
  private opener: TemporaryAssistanceOpener | undefined;

  constructor(deps: MonitoringDeps) {
    this.deps = deps;
  }

  /** Wired by the platform when the assistance line offers temporary assistance applications. */
  setTemporaryAssistanceOpener(opener: TemporaryAssistanceOpener): void {
    this.opener = opener;
  }

  /** Shipped rules that are missing (idempotent; administrators' edits stay). */
  seedRules(): Promise<number> {
    return this.deps.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(7410041)');
      return insertMissingRules(tx);
    });
  }

  async listRules(actor: Actor) {
    requireMonitoring(actor, 'case:read');
    return (await listRules(this.deps.db)).map(presentRule);
  }

  async updateRule(actor: Actor, code: string, input: RuleUpdateInput) {
    if (!hasPermission(actor, 'admin:settings')) {
      throw new AppError(
        'auth.forbidden',
        '只有系统管理员可以修改预警规则',
        'only administrators may change warning rules',
      );
    }
    if (!isRuleCode(code)) throw notFound('monitoring rule', '预警规则');
    return this.deps.db.transaction(async (tx) => {
      const before = await findRule(tx, code);
      if (!before) throw notFound('monitoring rule', '预警规则');
      const { version, ...change } = input;
      const after = await updateRule(tx, code, version, change, actor.id);
      if (!after) {
        throw new AppError(
          'conflict.version',
          '规则已被他人修改,请刷新后重试',
          'the rule was changed meanwhile; reload',
        );
      }
      await recordAudit(tx, actor, {
        action: 'monitoring.rule.update',
        entityType: 'monitoring_rule',
        entityId: code,
        regionCode: null,
        detail: { before: presentRule(before), after: presentRule(after) },
      });
      return presentRule(after);
    });
  }

  async listWarnings(actor: Actor, q: WarningQuery) {
    requireMonitoring(actor, 'case:read');
    const today = this.deps.today();
    const { page, pageSize, ...filter } = q;
    const { total, rows } = await listWarnings(this.deps.db, actor, { ...filter, today }, page, pageSize);
    return { total, items: rows.map((w) => presentWarning(w, today)) };
  }

  /** The coordinator's visits for today: open warnings in scope due by today or severe, nearest due first. */
  async visitsToday(actor: Actor) {
    requireMonitoring(actor, 'case:read');
    const today = this.deps.today();
    const { rows } = await listWarnings(this.deps.db, actor, { today }, 1, 200);
    const items = rows
      .filter((w) => w.status !== 'closed' && (w.due_on <= today || w.severity === 'high' || w.escalation_level > 0))
      .map((w) => presentWarning(w, today));
    return { today, items };
  }

  /** One warning with its evidence and notes; a full read of personal data, so audited. */
  async getWarning(actor: Actor, id: string) {
    requireMonitoring(actor, 'case:read');
    const w = await findWarningInScope(this.deps.db, actor, id);
    if (!w) throw notFound('warning', '预警');
    const notes = await listNotes(this.deps.db, id);
    await this.deps.db.transaction((tx) =>
      recordAudit(tx, actor, {
        action: 'monitoring.warning.read',
        entityType: 'monitoring_warning',
        entityId: id,
        regionCode: w.region_code,
        detail: { ruleCode: w.rule_code },
      }),
    );
    return {
      ...presentWarning(w, this.deps.today()),
      evidence: w.evidence,
      notes: notes.map((n) => ({
        id: n.id,
        kind: n.kind,
        visitedOn: n.visited_on,
        note: n.note,
        actor: n.actor,
        createdAt: new Date(n.created_at).toISOString(),
      })),
    };
  }

  async addNote(actor: Actor, id: string, input: NoteInput) {
    requireMonitoring(actor, 'case:act');
    await this.deps.db.transaction(async (tx) => {
      const w = await this.lockInScope(tx, actor, id);
      if (w.status === 'closed') throw closed();
      await insertNote(tx, id, { kind: input.kind, visitedOn: input.visitedOn ?? null, note: input.note }, actor.id);
      await recordAudit(tx, actor, {
        action: 'monitoring.warning.note',
        entityType: 'monitoring_warning',
        entityId: id,
        regionCode: w.region_code,
        detail: { kind: input.kind, visitedOn: input.visitedOn ?? null },
      });
    });
    return this.getWarning(actor, id);
  }

  /**
   * Closes with an outcome: a visit (with its date and notes), assistance started (links the case given, or opens
   * a temporary assistance application for the household), or dismissed with a reason. Closing again with the same
   * outcome returns the warning unchanged (idempotent); another outcome is a conflict.
   */
  async close(actor: Actor, id: string, input: CloseInput) {
    requireMonitoring(actor, 'case:act');
    const current = await findWarningInScope(this.deps.db, actor, id);
    if (!current) throw notFound('warning', '预警');
    if (current.status === 'closed') {
      if (current.outcome === input.outcome) return this.getWarning(actor, id);
      throw closed();
    }
    if (current.version !== input.version) throw versionConflict();
    let caseId = input.caseId ?? null;
    if (input.outcome === 'assistance_started' && caseId === null) {
      if (!this.opener) {
        throw new AppError(
          'monitoring.assistance_unavailable',
          '临时救助申请功能尚未启用,请先在社会救助中受理并填写办件ID',
          'temporary assistance applications are not available; take the application first and give its case id',
          [{ field: 'caseId', message_zh: '请填写已受理的办件ID', message_en: 'give the case id of the application' }],
        );
      }
      if (!current.household_id) {
        throw new AppError('request.invalid', '该预警没有关联家庭,无法发起救助', 'the warning has no household', [
          { field: 'outcome', message_zh: '没有关联家庭', message_en: 'no household to apply for' },
        ]);
      }
      // The application is the assistance line's own transaction. A second click after success finds the warning
      // closed (returned above); if the close below fails after the application was taken (a concurrent change),
      // the error names the case so the user closes again with that caseId instead of opening a second one.
      const opened = await this.opener(actor, {
        householdId: current.household_id,
        personId: current.person_id,
        regionCode: current.region_code,
        note: input.note,
        evidence: current.evidence,
      });
      caseId = opened.caseId;
    } else if (caseId !== null && !(await this.caseInScope(actor, caseId))) {
      throw new AppError('request.invalid', '办件不存在或不在您的管辖范围内', 'no such case in your scope', [
        { field: 'caseId', message_zh: '办件不存在', message_en: 'case not found' },
      ]);
    }
    await this.deps.db.transaction(async (tx) => {
      const w = await this.lockInScope(tx, actor, id);
      if (w.status === 'closed' || w.version !== input.version) throw versionConflict(input.caseId ? null : caseId);
      if (input.outcome === 'visited') {
        await insertNote(tx, id, { kind: 'visit', visitedOn: input.visitedOn ?? null, note: input.note }, actor.id);
      }
      await closeWarning(tx, id, { outcome: input.outcome, note: input.note, caseId }, actor.id);
      await recordAudit(tx, actor, {
        action: 'monitoring.warning.close',
        entityType: 'monitoring_warning',
        entityId: id,
        regionCode: w.region_code,
        detail: { outcome: input.outcome, caseId, ruleCode: w.rule_code },
      });
    });
    return this.getWarning(actor, id);
  }

  /** Proactive discovery in the actor's jurisdiction (or a part of it); the run and its counts are audited. */
  async runDiscovery(actor: Actor, regionCode: string | undefined) {
    requireMonitoring(actor, 'case:act');
    const scope = regionCode ?? actor.regionScope;
    if (!scope.startsWith(actor.regionScope)) {
      throw new AppError('request.invalid', '区划不在您的管辖范围内', 'the region is outside your jurisdiction', [
        { field: 'regionCode', message_zh: '不在您的管辖范围内', message_en: 'outside your jurisdiction' },
      ]);
    }
    const result = await this.deps.evaluator.discover(scope);
    await this.deps.db.transaction((tx) =>
      recordAudit(tx, actor, {
        action: 'monitoring.discovery.run',
        entityType: 'monitoring_warning',
        entityId: null,
        regionCode: scope,
        detail: { ...result },
      }),
    );
    return result;
  }

  /** Every rule over all stored records now (an administrator's 立即评估), audited. */
  async runEvaluation(actor: Actor) {
    if (!hasPermission(actor, 'jobs:run'))
      throw new AppError('auth.forbidden', '无权运行任务', 'not allowed to run jobs');
    const result = await this.deps.evaluator.evaluate(null);
    await this.deps.db.transaction((tx) =>
      recordAudit(tx, actor, {
        action: 'monitoring.evaluate.run',
        entityType: 'monitoring_warning',
        entityId: null,
        regionCode: null,
        detail: { ...result },
      }),
    );
    return result;
  }

  async stats(actor: Actor) {
    requireMonitoring(actor, 'case:read');
    return warningStats(this.deps.db, actor, this.deps.today());
  }

  /** Warnings matching the filters in scope as .xlsx (names masked), audited with the filters and row count. */
  exportWarnings(actor: Actor, q: WarningExportQuery): Promise<Buffer> {
    requireMonitoring(actor, 'case:read');
    return exportWarningsXlsx(this.deps.db, actor, q, this.deps.today());
  }

  /**
   * Daily: overdue open warnings go up one escalation level (once a day) and the township reviewers of their
   * township get a message. Returns how many were escalated.
   */
  async escalateOverdue(): Promise<number> {
    const today = this.deps.today();
    return this.deps.db.transaction(async (tx) => {
      const escalated = await escalateOverdue(tx, today);
      if (escalated.length === 0) return 0;
      const townships = [...new Set(escalated.map((w) => w.region_code.slice(0, 9)))];
      const reviewers = await findTownshipReviewers(tx, townships);
      const messages = escalated.flatMap((w) =>
        reviewers
          .filter((r) => w.region_code.startsWith(r.region_scope))
          .map((r) => ({
            userId: r.id,
            kind: 'monitoring.escalated',
            titleZh: `预警逾期未处置(第${w.escalation_level}次督办)`,
            titleEn: `Warning overdue (escalation ${w.escalation_level})`,
            bodyZh: `规则 ${w.rule_code},办理期限 ${w.due_on},区划 ${w.region_code}`,
            bodyEn: `Rule ${w.rule_code}, due ${w.due_on}, region ${w.region_code}`,
            caseId: null,
            regionCode: w.region_code,
            dedupeKey: `monitoring.escalated:${w.id}:${w.escalation_level}`,
          })),
      );
      await this.deps.messages.send(messages, tx);
      await recordAudit(tx, systemActor('monitoring'), {
        action: 'monitoring.warning.escalate',
        entityType: 'monitoring_warning',
        entityId: null,
        regionCode: null,
        detail: { escalated: escalated.length, messages: messages.length, today },
      });
      return escalated.length;
    });
  }

  private async lockInScope(tx: Queryable, actor: Actor, id: string): Promise<WarningRow> {
    const w = await lockWarning(tx, id);
    if (!w?.region_code.startsWith(actor.regionScope)) throw notFound('warning', '预警');
    return w;
  }

  private caseInScope(actor: Actor, caseId: string): Promise<boolean> {
    return caseExistsInScope(this.deps.db, actor, caseId);
  }
}

/** Staff on the monitoring line with the permission; others are refused. */
function requireMonitoring(actor: Actor, permission: 'case:read' | 'case:act'): void {
  if (!hasPermission(actor, permission) || !coversBusinessLine(actor, 'monitoring')) {
    throw new AppError('auth.forbidden', '您没有动态监测业务的权限', 'the monitoring line is not among your duties');
  }
}

function closed(): AppError {
  return new AppError('monitoring.closed', '该预警已办结,不能再修改', 'the warning is already closed');
}

function versionConflict(openedCaseId: string | null = null): AppError {
  if (openedCaseId) {
    return new AppError(
      'conflict.version',
      `预警已被他人处理;已受理的临时救助办件 ${openedCaseId},请刷新后以该办件ID办结`,
      `the warning was changed meanwhile; the temporary assistance case ${openedCaseId} was taken: reload and close with it`,
      [{ field: 'caseId', message_zh: `已受理办件 ${openedCaseId}`, message_en: `case ${openedCaseId} was taken` }],
    );
  }
  return new AppError('conflict.version', '预警已被他人处理,请刷新后重试', 'the warning was changed meanwhile; reload');
}
