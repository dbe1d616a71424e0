import { recordAudit } from '../../../core/audit/audit.repository.ts';
import { type Actor, coversBusinessLine, hasPermission } from '../../../core/auth/actor.ts';
import { emitEvent } from '../../../core/events/event-bus.ts';
import { safeRegionName } from '../../../core/region/region-name.ts';
import { AppError, notFound } from '../../../core/shared/errors.ts';
import type { Database } from '../../../db/database.ts';
import { uniqueViolation } from '../../../db/pg-errors.ts';
import { INSTALMENT_PROGRAMMES, PAYROLL_PROGRAMMES } from '../enrollment/enrollment-basis.ts';
import type { Programme } from '../rules/decision.ts';
import { type BankFileRow, bankCsv, bankXlsx, parseReconciliation } from './bank-file.ts';
import { insertInstalmentLinesForRegion } from './instalment-lines.repository.ts';
import { presentLine, presentRun } from './payroll.presenter.ts';
import {
  carryFailedLines,
  ensureRun,
  findRun,
  finishRun,
  hasLinesInRegion,
  insertLinesForRegion,
  listRuns,
  listTownshipsWithEnrollments,
  type PayrollRunRow,
  runTotals,
  setRunStatus,
  townshipTotals,
} from './payroll.repository.ts';
import {
  countLinesByStatus,
  listLines,
  listPayableLines,
  reconcileLines,
  setBankReferences,
} from './payroll-line.repository.ts';
import { type PolicyResolver, resolveMonthRates } from './payroll-rates.ts';

export const PAYROLL_COMPUTED = 'assistance.payroll.computed';
const LINE = 'assistance';

export interface ComputeInput {
  district: string;
  programme: string;
  month: string;
}

export interface ComputeOptions {
  onProgress?: (done: number, total: number, township: string) => void | Promise<void>;
  /** Test hook standing in for kill -9: stop (throw) after this many townships were committed. */
  crashAfterTownships?: number;
}

function requireAssistance(actor: Actor, permission: 'case:read' | 'case:act'): void {
  if (!hasPermission(actor, permission) || !coversBusinessLine(actor, LINE)) {
    throw new AppError('auth.forbidden', '您没有社会救助资金发放的权限', 'not allowed to handle assistance payroll');
  }
}

/** A district run is handled by staff whose scope covers the whole district (the district bureau or above). */
function coversDistrict(actor: Actor, district: string): boolean {
  return district.startsWith(actor.regionScope);
}

/** A run is visible to the district's staff and, for their own lines, to its townships' staff. */
function seesRun(actor: Actor, run: PayrollRunRow): boolean {
  return coversDistrict(actor, run.district_code) || actor.regionScope.startsWith(run.district_code);
}

function stateError(run: PayrollRunRow, wantedZh: string, wantedEn: string): AppError {
  return new AppError(
    'payroll.state',
    `发放批次当前状态为「${run.status}」，${wantedZh}`,
    `the payroll run is ${run.status}; ${wantedEn}`,
  );
}

/** Bank result rows reconciled per statement. */
const RECONCILE_CHUNK = 20_000;

/** 资金发放: monthly payroll per district and programme, maker-checker, bank file and reconciliation. */
export class PayrollService {
  private readonly db: Database;
  private readonly policy: PolicyResolver;

  constructor(db: Database, policy: PolicyResolver) {
    this.db = db;
    this.policy = policy;
  }

  /** Checks who may compute which run; returns the normalised input. */
  checkCompute(actor: Actor, input: ComputeInput): ComputeInput {
    requireAssistance(actor, 'case:act');
    if (!PAYROLL_PROGRAMMES.includes(input.programme as Programme)) {
      throw new AppError('request.invalid', '输入有误:该项目不按月发放', 'Invalid input: not a monthly programme', [
        {
          field: 'programme',
          message_zh: `应为 ${PAYROLL_PROGRAMMES.join(' / ')} 之一`,
          message_en: `must be one of ${PAYROLL_PROGRAMMES.join(', ')}`,
        },
      ]);
    }
    if (!coversDistrict(actor, input.district)) throw notFound('district', '区县');
    return input;
  }

  /**
   * Computes (or resumes) the run of a district, programme and month. A run already computed is returned as it is
   * and nothing is added; a run left 'computing' by a crash continues where it stopped, each township in its own
   * transaction, so the totals end identical.
   */
  async compute(actor: Actor, raw: ComputeInput, options: ComputeOptions = {}): Promise<PayrollRunRow> {
    const input = this.checkCompute(actor, raw);
    const { run, created } = await this.db.transaction(async (tx) => {
      const ensured = await ensureRun(tx, input.district, input.programme, input.month, actor.id);
      if (ensured.created) {
        await recordAudit(tx, actor, {
          action: 'assistance.payroll.compute',
          entityType: 'payroll_run',
          entityId: ensured.run.id,
          regionCode: input.district,
          detail: { ...input },
        });
      }
      return ensured;
    });
    if (run.status !== 'computing') return run;
    void created;

    // 临时救助 pays decided instalments: no month's rates to resolve.
    const instalments = INSTALMENT_PROGRAMMES.includes(input.programme as Programme);
    const rates = await this.db.transaction(async (tx) => {
      if (instalments) return { rates: [], keyLength: 6 };
      try {
        return await resolveMonthRates(tx, this.policy, input.district, input.programme, input.month);
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
        throw new AppError(
          'assistance.policy_missing',
          `${input.district} 在 ${input.month} 没有生效的救助标准参数`,
          `no assistance parameters in force for ${input.district} in ${input.month}`,
        );
      }
    });
    const townships = await listTownshipsWithEnrollments(this.db, input.district, input.programme);
    let done = 0;
    const computeTownship = async (township: string) => {
      const region = {
        runId: run.id,
        regionPrefix: township,
        programme: input.programme,
        month: input.month,
        rates: rates.rates,
        rateKeyLength: rates.keyLength,
      };
      const insertTownship = (skipExisting: boolean) =>
        this.db.transaction(async (tx) => {
          // A concurrent compute may have finished the run, or this township, meanwhile: each is added once.
          const current = await findRun(tx, run.id, 'share');
          if (current?.status !== 'computing' || (await hasLinesInRegion(tx, run.id, township))) return;
          if (instalments)
            await insertInstalmentLinesForRegion(tx, { ...region, district: input.district, skipExisting });
          else await insertLinesForRegion(tx, { ...region, skipExisting });
        });
      try {
        await insertTownship(false);
      } catch (err) {
        // Some enrollment already has its live line for the month (another district's run, or a concurrent compute
        // of this township): skip those lines.
        if (uniqueViolation(err) === undefined) throw err;
        await insertTownship(true);
      }
      done++;
      await options.onProgress?.(done, townships.length, township);
      if (options.crashAfterTownships !== undefined && done >= options.crashAfterTownships) {
        throw new Error(`simulated crash after ${done} townships`);
      }
    };
    // On PostgreSQL two townships are inserted at once, one per core of a small server; the embedded database has
    // one connection. A simulated crash runs them one by one so it stops after exactly that many.
    const parallel = this.db.kind === 'postgres' && options.crashAfterTownships === undefined ? 2 : 1;
    let next = 0;
    const outcomes = await Promise.allSettled(
      Array.from({ length: parallel }, async () => {
        while (next < townships.length) {
          try {
            await computeTownship(townships[next++]);
          } catch (err) {
            next = townships.length; // the other worker stops after its township too
            throw err;
          }
        }
      }),
    );
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;
    await this.db.transaction(async (tx) => {
      const current = await findRun(tx, run.id, true);
      if (current?.status !== 'computing') return;
      const carried = await carryFailedLines(tx, current);
      // Per-township figures are read from the lines on demand (townshipTotals); the run keeps its sums.
      const totals = await runTotals(tx, run.id);
      await finishRun(tx, run.id, totals, { carried, townships: townships.length, rates: rates.rates });
      const finished = await findRun(tx, run.id);
      await recordAudit(tx, actor, {
        action: 'assistance.payroll.computed',
        entityType: 'payroll_run',
        entityId: run.id,
        regionCode: input.district,
        detail: { lines: finished?.line_count, totalFen: finished?.total_fen, held: finished?.held_count, carried },
      });
      await emitEvent(tx, PAYROLL_COMPUTED, { runId: run.id, ...input }, input.district);
    });
    return (await findRun(this.db, run.id)) as PayrollRunRow;
  }

  async getRun(actor: Actor, id: string) {
    requireAssistance(actor, 'case:read');
    const run = await findRun(this.db, id);
    if (!run || !seesRun(actor, run)) throw notFound('payroll run', '发放批次');
    const townships = (await townshipTotals(this.db, id, actor.regionScope)).map((t) => ({
      ...t,
      townshipName: safeRegionName(t.township),
    }));
    const wholeDistrict = coversDistrict(actor, run.district_code);
    return {
      ...presentRun(run, wholeDistrict ? undefined : townships),
      townships,
      canApprove: wholeDistrict && run.status === 'computed' && run.computed_by !== actor.id,
    };
  }

  async listRuns(
    actor: Actor,
    q: { programme?: string; month?: string; status?: string; page: number; pageSize: number },
  ) {
    requireAssistance(actor, 'case:read');
    const { total, rows } = await listRuns(this.db, actor.regionScope, q, q.pageSize, (q.page - 1) * q.pageSize);
    const items = [];
    for (const run of rows) {
      const scoped = coversDistrict(actor, run.district_code)
        ? undefined
        : await townshipTotals(this.db, run.id, actor.regionScope);
      items.push(presentRun(run, scoped));
    }
    return { total, items };
  }

  async listLines(
    actor: Actor,
    runId: string,
    q: { status?: string; regionCode?: string; page: number; pageSize: number },
  ) {
    requireAssistance(actor, 'case:read');
    const run = await findRun(this.db, runId);
    if (!run || !seesRun(actor, run)) throw notFound('payroll run', '发放批次');
    const { total, rows } = await listLines(
      this.db,
      runId,
      actor.regionScope,
      q,
      q.pageSize,
      (q.page - 1) * q.pageSize,
    );
    return { total, items: rows.map(presentLine) };
  }

  /** 审核: a different user than the one who computed approves (maker-checker). */
  async approve(actor: Actor, id: string) {
    requireAssistance(actor, 'case:act');
    await this.db.transaction(async (tx) => {
      const run = await findRun(tx, id, true);
      if (!run || !seesRun(actor, run)) throw notFound('payroll run', '发放批次');
      if (!coversDistrict(actor, run.district_code)) {
        throw new AppError('auth.forbidden', '只有区县民政部门可以审核发放批次', 'only the district may approve a run');
      }
      if (run.status === 'approved') return;
      if (run.status !== 'computed')
        throw stateError(run, '只有已计算的批次可以审核', 'only a computed run can be approved');
      if (run.computed_by === actor.id) {
        throw new AppError(
          'payroll.maker_checker',
          '审核人不能是计算该批次的同一人（双人复核）',
          'the run must be approved by someone other than the person who computed it (maker-checker)',
        );
      }
      await setRunStatus(tx, id, 'approved', { approvedBy: actor.id });
      await recordAudit(tx, actor, {
        action: 'assistance.payroll.approve',
        entityType: 'payroll_run',
        entityId: id,
        regionCode: run.district_code,
        detail: { lines: run.line_count, totalFen: run.total_fen },
      });
    });
    return this.getRun(actor, id);
  }

  /** 银行代发文件: payable lines of an approved run as csv or xlsx; audited (it names the payees). */
  async exportBankFile(actor: Actor, id: string, format: 'csv' | 'xlsx') {
    requireAssistance(actor, 'case:act');
    const rows = await this.db.transaction(async (tx) => {
      const run = await findRun(tx, id, true);
      if (!run || !seesRun(actor, run)) throw notFound('payroll run', '发放批次');
      if (!coversDistrict(actor, run.district_code)) {
        throw new AppError('auth.forbidden', '只有区县民政部门可以导出银行文件', 'only the district may export');
      }
      if (!['approved', 'exported', 'reconciled'].includes(run.status)) {
        throw stateError(run, '审核通过后才能导出银行文件', 'the bank file is exported after approval');
      }
      await setBankReferences(tx, id);
      if (run.status === 'approved') await setRunStatus(tx, id, 'exported', { exported: true });
      const lines = await listPayableLines(tx, id);
      await recordAudit(tx, actor, {
        action: 'assistance.payroll.export',
        entityType: 'payroll_run',
        entityId: id,
        regionCode: run.district_code,
        detail: { format, lines: lines.length },
      });
      return { run, lines };
    });
    const fileRows: BankFileRow[] = rows.lines
      .filter((l) => l.status === 'payable' || l.status === 'paid')
      .map((l) => ({
        reference: l.bank_reference ?? l.id,
        payeeName: l.payee_name ?? '',
        payeeIdMasked: l.payee_id_masked ?? '',
        amountFen: l.amount_fen,
        regionCode: l.region_code,
        forMonth: l.for_month,
      }));
    const name = `payroll-${rows.run.district_code}-${rows.run.programme}-${rows.run.month}`;
    return format === 'csv'
      ? { fileName: `${name}.csv`, mimeType: 'text/csv; charset=utf-8', body: bankCsv(fileRows) }
      : {
          fileName: `${name}.xlsx`,
          mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          body: await bankXlsx(fileRows, name),
        };
  }

  /** 回盘: the bank's result file (csv/xlsx: reference, paid|failed, reason) marks lines paid or failed. */
  async reconcile(actor: Actor, id: string, file: { fileName: string; content: Buffer }) {
    requireAssistance(actor, 'case:act');
    const parsed = await parseReconciliation(file.fileName, file.content);
    return this.db.transaction(async (tx) => {
      const run = await findRun(tx, id, true);
      if (!run || !seesRun(actor, run)) throw notFound('payroll run', '发放批次');
      if (!coversDistrict(actor, run.district_code)) {
        throw new AppError('auth.forbidden', '只有区县民政部门可以导入回盘', 'only the district may reconcile');
      }
      if (!['exported', 'reconciled'].includes(run.status)) {
        throw stateError(run, '导出银行文件后才能导入回盘', 'reconcile after the bank file was exported');
      }
      const result = { paid: 0, failed: 0, unchanged: 0, unknown: [] as string[] };
      for (let start = 0; start < parsed.length; start += RECONCILE_CHUNK) {
        const chunk = parsed.slice(start, start + RECONCILE_CHUNK);
        const outcomes = await reconcileLines(tx, id, chunk);
        outcomes.forEach((outcome, i) => {
          if (outcome === 'unknown') result.unknown.push(chunk[i].reference);
          else if (outcome === 'same') result.unchanged++;
          else result[chunk[i].outcome]++;
        });
      }
      if (result.unknown.length > 0) {
        throw new AppError(
          'request.invalid',
          `回盘文件中有 ${result.unknown.length} 个流水号不属于该批次`,
          `${result.unknown.length} references in the file are not lines of this run`,
          result.unknown.slice(0, 20).map((reference) => ({
            field: `reference:${reference}`,
            message_zh: '不是该批次的流水号',
            message_en: 'not a reference of this run',
          })),
        );
      }
      const counts = await countLinesByStatus(tx, id);
      const complete = (counts.payable ?? 0) === 0;
      await setRunStatus(tx, id, complete ? 'reconciled' : 'exported', { reconciled: complete });
      await recordAudit(tx, actor, {
        action: 'assistance.payroll.reconcile',
        entityType: 'payroll_run',
        entityId: id,
        regionCode: run.district_code,
        detail: { paid: result.paid, failed: result.failed, unchanged: result.unchanged, fileName: file.fileName },
      });
      return { ...result, counts, status: complete ? 'reconciled' : 'exported' };
    });
  }
}
