import { recordAudit } from '../../../core/audit/audit.repository.ts';
import { type Actor, coversBusinessLine, hasPermission, isInScope } from '../../../core/auth/actor.ts';
import { safeRegionName } from '../../../core/region/region-name.ts';
import { AppError, invalidField, notFound } from '../../../core/shared/errors.ts';
import { maskName } from '../../../core/shared/masking.ts';
import type { Database, Queryable } from '../../../db/database.ts';
import type { PolicyResolver } from '../payroll/payroll-rates.ts';
import { monthOf, recentPaymentMonths } from '../rules/dates.ts';
import {
  countEnrollments,
  type EnrollmentFilter,
  type EnrollmentListRow,
  findEnrollmentInScope,
  findEnrollmentView,
  findPersonHousehold,
  insertEnrollmentEvent,
  listEnrollmentEvents,
  listEnrollments,
  listEnrollmentsOfResident,
  listOpenEnrollmentsOfPerson,
  updateEnrollmentState,
} from './enrollment.repository.ts';
import { addMonthsToDate } from './enrollment-basis.ts';
import { type ExitKind, fraudFine } from './enrollment-lifecycle.ts';
import {
  insertOverpayment,
  insertReport,
  listOverpayments,
  listRecentPayments,
  listReports,
  reviewReportRow,
} from './enrollment-records.repository.ts';
import { applyStatusChange } from './enrollment-status.ts';

const LINE = 'assistance';

export interface StatusChangeInput {
  action: 'suspend' | 'resume' | 'exit';
  reason: string;
  version: number;
  exitKind?: ExitKind;
  /** Fraud: amount obtained (fen) and the fine multiple chosen within the parameter range. */
  obtainedFen?: number;
  fineMultiple?: number;
}

function requireAssistance(actor: Actor, permission: 'case:read' | 'case:act'): void {
  if (!hasPermission(actor, permission) || !coversBusinessLine(actor, LINE)) {
    throw new AppError('auth.forbidden', '您没有社会救助业务的权限', 'not allowed to handle social assistance');
  }
}

/** 保障对象管理: list, detail, status changes, change and periodic reports, overpayments, registry events. */
export class EnrollmentService {
  private readonly db: Database;
  private readonly policy: PolicyResolver;
  private readonly today: () => string;

  constructor(db: Database, policy: PolicyResolver, today: () => string) {
    this.db = db;
    this.policy = policy;
    this.today = today;
  }

  async list(actor: Actor, q: EnrollmentFilter & { page: number; pageSize: number }) {
    requireAssistance(actor, 'case:read');
    const [total, rows] = await Promise.all([
      countEnrollments(this.db, actor.regionScope, q),
      listEnrollments(this.db, actor.regionScope, q, q.pageSize, (q.page - 1) * q.pageSize),
    ]);
    return { total, items: rows.map(presentEnrollment) };
  }

  /** Rows for the Excel export, in scope and masked, page by page. */
  async listPage(actor: Actor, q: EnrollmentFilter, limit: number, offset: number) {
    requireAssistance(actor, 'case:read');
    return (await listEnrollments(this.db, actor.regionScope, q, limit, offset)).map(presentEnrollment);
  }

  /** One enrollment with its history, reports and overpayments; a full read of personal data, so audited. */
  async get(actor: Actor, id: string) {
    requireAssistance(actor, 'case:read');
    const row = await findEnrollmentView(this.db, actor.regionScope, id);
    if (!row) throw notFound('enrollment', '保障对象');
    const [events, reports, overpayments, payments] = await Promise.all([
      listEnrollmentEvents(this.db, id),
      listReports(this.db, id),
      listOverpayments(this.db, id),
      listRecentPayments(this.db, [id], recentPaymentMonths(this.today(), 24), 24),
    ]);
    await this.db.transaction((tx) =>
      recordAudit(tx, actor, {
        action: 'assistance.enrollment.read',
        entityType: 'assistance_enrollment',
        entityId: id,
        regionCode: row.region_code,
      }),
    );
    return {
      ...presentEnrollment(row),
      basis: row.basis,
      payments: payments.map((p) => ({ month: p.for_month, amountFen: p.amount_fen, status: p.status })),
      events: events.map((e) => ({
        id: e.id,
        kind: e.kind,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        effectiveMonth: e.effective_month,
        amountFen: e.amount_fen,
        reason: e.reason,
        details: e.details,
        actor: e.actor,
        createdAt: e.created_at,
      })),
      reports: reports.map((r) => ({
        id: r.id,
        kind: r.kind,
        period: r.period,
        content: r.content,
        status: r.status,
        reviewNote: r.review_note,
        reviewedBy: r.reviewed_by,
        reviewedAt: r.reviewed_at,
        submittedBy: r.submitted_by,
        createdAt: r.created_at,
      })),
      overpayments: overpayments.map((o) => ({
        id: o.id,
        amountFen: o.amount_fen,
        fineFen: o.fine_fen,
        reason: o.reason,
        recoveredFen: o.recovered_fen,
        status: o.status,
        createdBy: o.created_by,
        createdAt: o.created_at,
      })),
    };
  }

  /** Staff change of status with a reason: suspend, resume, or exit (fraud records the overpayment and fine). */
  async changeStatus(actor: Actor, id: string, input: StatusChangeInput) {
    requireAssistance(actor, 'case:act');
    const today = this.today();
    await this.db.transaction(async (tx) => {
      const row = await findEnrollmentInScope(tx, actor.regionScope, id, true);
      if (!row) throw notFound('enrollment', '保障对象');
      if (row.version !== input.version) {
        throw new AppError('conflict.version', '该记录已被他人修改,请刷新后重试', 'the record was changed; reload');
      }
      if (input.action !== 'exit') {
        await applyStatusChange(tx, actor, row, { action: input.action }, today, input.reason);
        return;
      }
      const kind = input.exitKind ?? 'other';
      let fine: { obtainedFen: number; fineFen: number } | undefined;
      if (kind === 'fraud') {
        const obtained = input.obtainedFen ?? 0;
        const params = await this.policy.resolveAssistance(tx, row.region_code, today);
        const fineFen = fraudFine(
          obtained,
          input.fineMultiple ?? params.values.fraudFineMultiple.min,
          params.values.fraudFineMultiple,
        );
        if (fineFen === null) {
          const { min, max } = params.values.fraudFineMultiple;
          throw invalidField(
            'fineMultiple',
            `罚款倍数应在 ${min} 至 ${max} 倍之间`,
            `the fine multiple must be ${min}-${max}`,
          );
        }
        fine = { obtainedFen: obtained, fineFen };
      }
      await applyStatusChange(tx, actor, row, { action: 'exit', kind, month: monthOf(today) }, today, input.reason, {
        exitKind: kind,
      });
      if (fine) {
        await insertOverpayment(tx, {
          enrollmentId: row.id,
          regionCode: row.region_code,
          amountFen: fine.obtainedFen,
          fineFen: fine.fineFen,
          reason: input.reason,
          by: actor.id,
        });
      }
    });
    return this.get(actor, id);
  }

  /** Records money paid that should not have been (e.g. a death reported late); recovery is tracked. */
  async recordOverpayment(actor: Actor, id: string, input: { amountFen: number; fineFen?: number; reason: string }) {
    requireAssistance(actor, 'case:act');
    await this.db.transaction(async (tx) => {
      const row = await findEnrollmentInScope(tx, actor.regionScope, id, true);
      if (!row) throw notFound('enrollment', '保障对象');
      const overpaymentId = await insertOverpayment(tx, {
        enrollmentId: id,
        regionCode: row.region_code,
        amountFen: input.amountFen,
        fineFen: input.fineFen ?? 0,
        reason: input.reason,
        by: actor.id,
      });
      await recordAudit(tx, actor, {
        action: 'assistance.overpayment.create',
        entityType: 'assistance_overpayment',
        entityId: overpaymentId,
        regionCode: row.region_code,
        reason: input.reason,
        detail: { enrollmentId: id, amountFen: input.amountFen, fineFen: input.fineFen ?? 0 },
      });
    });
    return this.get(actor, id);
  }

  /**
   * A change report (staff or recipient) or a periodic self-report (定期报告). Staff: in scope. Residents (portal):
   * only for an enrollment of their own household. A change report brings the next re-check forward to today.
   */
  async submitReport(
    actor: Actor,
    enrollmentId: string,
    kind: 'periodic' | 'change',
    content: Record<string, unknown>,
  ) {
    if (actor.kind !== 'resident') requireAssistance(actor, 'case:act');
    const today = this.today();
    return this.db.transaction(async (tx) => {
      const row =
        actor.kind === 'resident'
          ? await this.findOwnEnrollment(tx, actor, enrollmentId)
          : await findEnrollmentInScope(tx, actor.regionScope, enrollmentId, true);
      if (!row || row.status === 'exited') throw notFound('enrollment', '保障对象');
      const period = kind === 'periodic' ? monthOf(today) : null;
      const id = await insertReport(tx, {
        enrollmentId,
        regionCode: row.region_code,
        kind,
        period,
        content,
        by: actor.id,
      });
      if (kind === 'change') {
        await updateEnrollmentState(tx, enrollmentId, { status: row.status, nextReviewOn: today });
      }
      await insertEnrollmentEvent(tx, actor, {
        enrollmentId,
        kind: kind === 'change' ? 'change_reported' : 'periodic_report',
        fromStatus: row.status,
        toStatus: row.status,
        effectiveMonth: null,
        amountFen: null,
        reason: kind === 'change' ? '报告家庭情况变化' : '定期报告',
        details: { reportId: id },
      });
      await recordAudit(tx, actor, {
        action: `assistance.report.${kind}`,
        entityType: 'assistance_report',
        entityId: id,
        regionCode: row.region_code,
        detail: { enrollmentId },
      });
      return { id, enrollmentId, kind, period, status: 'submitted' };
    });
  }

  async reviewReport(actor: Actor, reportId: string, note: string) {
    requireAssistance(actor, 'case:act');
    return this.db.transaction(async (tx) => {
      const row = await reviewReportRow(tx, actor.regionScope, reportId, note, actor.id);
      if (!row) throw notFound('report', '报告');
      await recordAudit(tx, actor, {
        action: 'assistance.report.review',
        entityType: 'assistance_report',
        entityId: reportId,
        regionCode: row.region_code,
        reason: note,
      });
      return { id: reportId, status: 'reviewed' };
    });
  }

  /** 掌上办: the resident's own and household enrollments, with the last 12 payments (portal, helper H5). */
  async listForResident(actor: Actor) {
    if (actor.kind !== 'resident' || !actor.personId) throw notFound('enrollment', '保障对象');
    const household = await findPersonHousehold(this.db, actor.personId);
    const rows = await listEnrollmentsOfResident(this.db, actor.personId, household);
    const payments = await listRecentPayments(
      this.db,
      rows.map((r) => r.id),
      recentPaymentMonths(this.today(), 13),
      12 * Math.max(1, rows.length),
    );
    return rows.map((row) => ({
      ...presentEnrollment(row),
      payments: payments
        .filter((p) => p.enrollment_id === row.id)
        .slice(0, 12)
        .map((p) => ({ month: p.for_month, amountFen: p.amount_fen, status: p.status })),
    }));
  }

  /** Enrollments of the resident's household (portal). */
  private async findOwnEnrollment(tx: Queryable, actor: Actor, enrollmentId: string) {
    if (!actor.personId) return undefined;
    const row = await findEnrollmentInScope(tx, '', enrollmentId, true);
    if (!row) return undefined;
    const household = await findPersonHousehold(tx, actor.personId);
    const memberIds = Array.isArray(row.basis.memberIds) ? (row.basis.memberIds as string[]) : [];
    const own = row.person_id === actor.personId || (row.person_id === null && row.household_id === household);
    return own || memberIds.includes(actor.personId) ? row : undefined;
  }

  /**
   * Death or moving out (registry events): the person's own enrollments and one-person household enrollments stop
   * from the month after the event (end_month = the event's month); a larger household's re-check is brought
   * forward to the event date. Idempotent: exited enrollments are left alone.
   */
  async handlePersonLeft(
    actor: Actor,
    event: {
      personId: string;
      householdId?: string | null;
      onDate: string;
      kind: 'death' | 'moved-away';
      /** Moving: the person's current residence; staying in the enrollment's district is not moving away. */
      residenceRegion?: string | null;
    },
  ): Promise<number> {
    return this.db.transaction(async (tx) => {
      const householdId = event.householdId ?? (await findPersonHousehold(tx, event.personId));
      const rows = await listOpenEnrollmentsOfPerson(tx, event.personId, householdId);
      const reason = event.kind === 'death' ? `保障对象死亡（${event.onDate}）` : `迁出本地（${event.onDate}）`;
      let stopped = 0;
      for (const row of rows) {
        if (!isInScope(actor, row.region_code)) continue;
        const stays =
          event.kind === 'moved-away' &&
          !!event.residenceRegion &&
          event.residenceRegion.startsWith(row.region_code.slice(0, 6));
        if (!stays && (row.person_id === event.personId || row.members <= 1)) {
          await applyStatusChange(
            tx,
            actor,
            row,
            { action: 'exit', kind: event.kind, month: monthOf(event.onDate) },
            this.today(),
            reason,
            { personId: event.personId, eventDate: event.onDate },
          );
          stopped++;
        } else {
          const sooner = row.next_review_on && row.next_review_on < event.onDate ? row.next_review_on : event.onDate;
          await updateEnrollmentState(tx, row.id, { status: row.status, nextReviewOn: sooner });
          await insertEnrollmentEvent(tx, actor, {
            enrollmentId: row.id,
            kind: event.kind === 'death' ? 'member_deceased' : 'member_left',
            fromStatus: row.status,
            toStatus: row.status,
            effectiveMonth: null,
            amountFen: null,
            reason: `${reason}：家庭成员减少，提前复核`,
            details: { personId: event.personId, eventDate: event.onDate },
          });
        }
      }
      return stopped;
    });
  }

  /** After a re-check: the next one is due one interval from today. */
  static nextReviewFrom(today: string, intervalMonths: number): string {
    return addMonthsToDate(today, intervalMonths);
  }
}

export function presentEnrollment(row: EnrollmentListRow) {
  return {
    id: row.id,
    caseId: row.case_id,
    householdId: row.household_id,
    personId: row.person_id,
    regionCode: row.region_code,
    regionName: safeRegionName(row.region_code),
    area: row.area,
    programme: row.programme,
    status: row.status,
    members: row.members,
    perCapitaIncomeFen: row.per_capita_income_fen,
    amountFen: row.amount_fen,
    startMonth: row.start_month,
    endMonth: row.end_month,
    exitReason: row.exit_reason,
    reviewIntervalMonths: row.review_interval_months,
    nextReviewOn: row.next_review_on,
    payeeName: maskName(row.payee_name),
    payeeIdMasked: row.payee_id_masked ?? '',
    version: row.version,
  };
}
