import { z } from 'zod';
import { recordAudit } from '../../../core/audit/audit.repository.ts';
import { invalidField, notFound } from '../../../core/shared/errors.ts';
import { defineWorkflow } from '../../../core/workflow/workflow-definition.ts';
import { monthlyAmountFen, monthRates } from '../payroll/monthly-amount.ts';
import type { PolicyResolver } from '../payroll/payroll-rates.ts';
import { addMonths, monthOf } from '../rules/dates.ts';
import { decideExit } from '../rules/gradual-exit.ts';
import type { IncomeAssessment } from '../rules/income.ts';
import { findEnrollmentInScope, insertEnrollmentEvent, updateEnrollmentState } from './enrollment.repository.ts';
import { addMonthsToDate, type EnrollmentBasis } from './enrollment-basis.ts';
import { applyStatusChange } from './enrollment-status.ts';

export const RECHECK_WORKFLOW = 'assistance.recheck';

const RecheckData = z.strictObject({ enrollmentId: z.uuid('应为保障对象ID / must be an enrollment id') });

const ReassessInput = z.strictObject({
  monthlyIncomeFen: z.number().int('应为整数(分) / integer fen').min(0).max(100_000_000),
  members: z.number().int().min(1, '至少1人 / at least 1').max(30),
});

const EXIT_KIND_ZH = { income: '收入超过标准', 'moved-away': '迁出本地', death: '死亡', other: '其他原因' } as const;

const ExitInput = z.strictObject({
  exitKind: z.enum(['income', 'moved-away', 'death', 'other']),
});

/**
 * 定期复核: a review task per enrollment whose re-check is due (opened by the daily job), handled by the township.
 * Outcomes: continue unchanged; re-assess the income (decideExit: still below the standard → new amount from next
 * month; between 1× and 1.5× → 渐退 for 6 months; ≥ 1.5× → stop from next month); or exit with a reason.
 */
export function recheckWorkflow(policy: PolicyResolver) {
  return defineWorkflow({
    code: RECHECK_WORKFLOW,
    nameZh: '低保定期复核',
    nameEn: 'Periodic re-check of an enrollment',
    businessLine: 'assistance',
    initial: 'reviewing',
    data: RecheckData,
    totalWorkingDays: 30,
    states: {
      reviewing: { nameZh: '待复核', nameEn: 'To re-check', candidateRole: 'township_reviewer', stepWorkingDays: 20 },
      continued: { nameZh: '继续保障', nameEn: 'Continued', final: true },
      reassessed: { nameZh: '已重新核定', nameEn: 'Re-assessed', final: true },
      exited: { nameZh: '退出保障', nameEn: 'Exited', final: true },
    },
    transitions: {
      continue: {
        nameZh: '继续保障',
        nameEn: 'Continue unchanged',
        from: ['reviewing'],
        to: 'continued',
        roles: ['township_reviewer', 'district_approver'],
        effect: async ({ tx, actor, data, today }) => {
          const { enrollmentId } = RecheckData.parse(data);
          const row = await findEnrollmentInScope(tx, actor.regionScope, enrollmentId, true);
          if (!row) throw notFound('enrollment', '保障对象');
          const next = addMonthsToDate(today, row.review_interval_months);
          await updateEnrollmentState(tx, row.id, { status: row.status, nextReviewOn: next });
          await insertEnrollmentEvent(tx, actor, {
            enrollmentId: row.id,
            kind: 'recheck_continue',
            fromStatus: row.status,
            toStatus: row.status,
            effectiveMonth: null,
            amountFen: row.amount_fen,
            reason: `复核：情况无变化，继续保障；下次复核 ${next}`,
          });
          await recordAudit(tx, actor, {
            action: 'assistance.recheck.continue',
            entityType: 'assistance_enrollment',
            entityId: row.id,
            regionCode: row.region_code,
          });
        },
      },
      reassess: {
        nameZh: '重新核定收入',
        nameEn: 'Re-assess income',
        from: ['reviewing'],
        to: 'reassessed',
        roles: ['township_reviewer', 'district_approver'],
        input: ReassessInput,
        requireComment: true,
        effect: async ({ tx, actor, data, input, today }) => {
          const { enrollmentId } = RecheckData.parse(data);
          const { monthlyIncomeFen, members } = ReassessInput.parse(input);
          const row = await findEnrollmentInScope(tx, actor.regionScope, enrollmentId, true);
          if (!row) throw notFound('enrollment', '保障对象');
          if (row.basis.kind !== 'gap') {
            throw invalidField(
              'input.monthlyIncomeFen',
              '该项目不按收入补差核定',
              'this programme is not income-tested',
            );
          }
          const parameters = await policy.resolveAssistance(tx, row.region_code, today);
          // 渐退 continues what is paid now: the amount under today's standard, not the one at approval.
          const currentFen = monthlyAmountFen(
            row.basis as unknown as EnrollmentBasis,
            monthRates(parameters, row.area),
          );
          const income = {
            members,
            monthlyHouseholdFen: monthlyIncomeFen,
            perCapitaFen: Math.round(monthlyIncomeFen / members),
            trace: [],
          } as unknown as IncomeAssessment;
          const decision = decideExit({
            event: 'income-change',
            memberIds: [],
            decisionDate: today,
            currentMonthlyBenefitFen: currentFen,
            income,
            area: row.area,
            parameters,
          });
          const reason = decision.reasons.map((r) => r.zh).join('；');
          const month = monthOf(today);
          if (decision.outcome === 'continue') {
            const next = addMonthsToDate(today, row.review_interval_months);
            const basis = { ...row.basis, monthlyIncomeFen, members };
            // The gap from the rules plus any 分类施保 top-ups the basis carries.
            const amountFen = monthlyAmountFen(basis as unknown as EnrollmentBasis, monthRates(parameters, row.area));
            await updateEnrollmentState(tx, row.id, {
              status: row.status,
              amountFen,
              basis,
              perCapitaIncomeFen: income.perCapitaFen,
              members,
              nextReviewOn: next,
            });
            await insertEnrollmentEvent(tx, actor, {
              enrollmentId: row.id,
              kind: 'amount_changed',
              fromStatus: row.status,
              toStatus: row.status,
              effectiveMonth: addMonths(month, 1),
              amountFen,
              reason,
              details: { monthlyIncomeFen, members, previousAmountFen: row.amount_fen },
            });
          } else if (decision.outcome === 'gradual-exit') {
            await applyStatusChange(
              tx,
              actor,
              row,
              { action: 'gradual_exit', month, months: parameters.values.gradualExitMonths },
              today,
              reason,
              { monthlyIncomeFen, members, amountFen: currentFen },
            );
            await updateEnrollmentState(tx, row.id, { status: 'gradual_exit', amountFen: currentFen });
          } else {
            await applyStatusChange(tx, actor, row, { action: 'exit', kind: 'income', month }, today, reason, {
              monthlyIncomeFen,
              members,
            });
          }
        },
      },
      exit: {
        nameZh: '退出保障',
        nameEn: 'Exit',
        from: ['reviewing'],
        to: 'exited',
        roles: ['township_reviewer', 'district_approver'],
        input: ExitInput,
        requireComment: true,
        effect: async ({ tx, actor, data, input, today }) => {
          const { enrollmentId } = RecheckData.parse(data);
          const { exitKind } = ExitInput.parse(input);
          const row = await findEnrollmentInScope(tx, actor.regionScope, enrollmentId, true);
          if (!row) throw notFound('enrollment', '保障对象');
          const comment = `复核退出：${EXIT_KIND_ZH[exitKind]}`;
          await applyStatusChange(
            tx,
            actor,
            row,
            { action: 'exit', kind: exitKind, month: monthOf(today) },
            today,
            comment,
            { exitKind },
          );
        },
      },
    },
  });
}
