import { PassThrough } from 'node:stream';
import { recordAudit } from '../../../core/audit/audit.repository.ts';
import { type Actor, coversBusinessLine, isInScope } from '../../../core/auth/actor.ts';
import type { ExcelColumn } from '../../../core/excel/excel-columns.ts';
import { exportXlsx } from '../../../core/excel/excel-export.ts';
import { safeRegionName } from '../../../core/region/region-name.ts';
import type { PolicyService } from '../../../core/rules/policy.service.ts';
import { AppError, notFound } from '../../../core/shared/errors.ts';
import type { Database } from '../../../db/database.ts';
import { firstDayOf } from '../rules/dates.ts';
import { type PolicyParameterVersion, resolveParameters } from '../rules/policy-parameters.ts';
import {
  addOutcome,
  changedVersions,
  emptyTotals,
  type HouseholdOutcome,
  mergeTotals,
  outcomeRates,
  type SimulationParameters,
  type SimulationTotals,
  simulateApplication,
  simulationMonth,
  townshipOf,
} from './simulate.ts';
import {
  aggregateEnrollmentOutcomes,
  findEnrollmentOutcomes,
  listEnrollmentRegions,
  pageUnenrolledApplications,
  type RegionRates,
} from './simulation.repository.ts';
import type { SimulationInput } from './simulation.schema.ts';

const PAGE = 20_000;
/** Households listed one by one per kind of change (the totals count them all). */
const LISTED = 200;

export interface TownshipFigures extends SimulationTotals {
  townshipCode: string;
  townshipName: string;
}

export interface SimulationResult {
  regionCode: string;
  regionName: string;
  effectiveFrom: string;
  month: string;
  standards: { before: { urban: number; rural: number }; after: { urban: number; rural: number } };
  totals: SimulationTotals;
  byTownship: TownshipFigures[];
  gained: HouseholdOutcome[];
  lost: HouseholdOutcome[];
  /** Applications whose stored facts the rules could not read (counted, not simulated). */
  skipped: number;
  elapsedMs: number;
}

/**
 * "If the standard became X from date Y": every active enrollment and every verified, unenrolled application in
 * the scope recomputed for the first month under the change, without and with it. Read-only; audited as a read.
 */
export class SimulationService {
  private readonly db: Database;
  private readonly policy: PolicyService;

  constructor(db: Database, policy: PolicyService) {
    this.db = db;
    this.policy = policy;
  }

  async run(actor: Actor, input: SimulationInput): Promise<SimulationResult> {
    const started = performance.now();
    if (!coversBusinessLine(actor, 'assistance')) {
      throw new AppError('auth.forbidden', '您的角色不涵盖社会救助业务', 'your roles do not cover social assistance');
    }
    const regionCode = input.regionCode ?? actor.regionScope;
    if (!isInScope(actor, regionCode)) throw notFound('region', '区划');
    const month = simulationMonth(input.effectiveFrom);
    const day = firstDayOf(month);
    const baselineOf = await this.policy.assistanceResolver(this.db, regionCode);
    const override = { urbanFen: input.urbanStandardFen, ruralFen: input.ruralStandardFen };
    const changedMemo = new Map<string, PolicyParameterVersion[]>();
    const parameters: SimulationParameters = {
      month,
      baseline: baselineOf,
      changed: (region) => {
        let versions = changedMemo.get(region);
        if (!versions) {
          versions = changedVersions(baselineOf(region), region, month, override);
          changedMemo.set(region, versions);
        }
        return versions;
      },
    };
    let standards: SimulationResult['standards'];
    try {
      const before = resolveParameters(parameters.baseline(regionCode), regionCode, day).values.dibaoStandardFen;
      const after = resolveParameters(parameters.changed(regionCode), regionCode, day).values.dibaoStandardFen;
      standards = { before, after };
    } catch {
      throw new AppError(
        'request.invalid',
        `${regionCode} 在 ${day} 没有生效的救助政策参数`,
        `no assistance parameters in force for ${regionCode} on ${day}`,
        [{ field: 'effectiveFrom', message_zh: '该日期没有政策参数', message_en: 'no parameters on this date' }],
      );
    }

    const totals = emptyTotals();
    const townships = new Map<string, SimulationTotals>();
    const townshipTotals = (code: string) => {
      let t = townships.get(code);
      if (!t) {
        t = emptyTotals();
        townships.set(code, t);
      }
      return t;
    };

    // Enrollments: rates per region and area in JS (the rules' own functions), amounts set-based in SQL.
    const rates: RegionRates[] = [];
    for (const region of await listEnrollmentRegions(this.db, regionCode, day)) {
      for (const area of ['urban', 'rural'] as const) {
        try {
          const at = (versions: readonly PolicyParameterVersion[]) =>
            outcomeRates(resolveParameters(versions, region, day), area);
          rates.push({
            regionCode: region,
            area,
            before: at(parameters.baseline(region)),
            after: at(parameters.changed(region)),
          });
        } catch {
          // no parameters in force for this region: its enrollments are counted as skipped by the SQL
        }
      }
    }
    let skipped = 0;
    const gainedIds: string[] = [];
    const lostIds: string[] = [];
    for (const row of await aggregateEnrollmentOutcomes(this.db, regionCode, day, rates, LISTED)) {
      const { townshipCode, skipped: unrated, gainedIds: g, lostIds: l, ...figures } = row;
      skipped += unrated;
      gainedIds.push(...g);
      lostIds.push(...l);
      if (figures.households === 0) continue;
      mergeTotals(townshipTotals(townshipCode), figures);
      mergeTotals(totals, figures);
    }
    const listedIds = [...gainedIds.sort().slice(0, LISTED), ...lostIds.sort().slice(0, LISTED)];
    const listed = await findEnrollmentOutcomes(this.db, regionCode, day, rates, listedIds);
    const gained = listed.filter((o) => o.change === 'gained');
    const lost = listed.filter((o) => o.change === 'lost');

    // Applications (few: verified and not enrolled) go through the whole classification again.
    for (let after: string | null = null; ; ) {
      const page = await pageUnenrolledApplications(this.db, regionCode, after, PAGE);
      for (const a of page) {
        let o: HouseholdOutcome;
        try {
          o = simulateApplication(a, parameters);
        } catch {
          skipped++;
          continue;
        }
        addOutcome(totals, o);
        addOutcome(townshipTotals(townshipOf(o.regionCode)), o);
        if (o.change === 'gained' && gained.length < LISTED) gained.push(o);
        if (o.change === 'lost' && lost.length < LISTED) lost.push(o);
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1].caseId;
    }

    const byTownship = [...townships.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, t]) => ({ townshipCode: code, townshipName: safeRegionName(code), ...t }));
    const result: SimulationResult = {
      regionCode,
      regionName: regionCode ? safeRegionName(regionCode) : '',
      effectiveFrom: input.effectiveFrom,
      month,
      standards,
      totals,
      byTownship,
      gained,
      lost,
      skipped,
      elapsedMs: Math.round(performance.now() - started),
    };
    await this.db.transaction((tx) =>
      recordAudit(tx, actor, {
        action: 'assistance.simulation.run',
        entityType: 'policy_simulation',
        regionCode,
        detail: { input, month, totals, skipped },
      }),
    );
    return result;
  }

  /** The per-township table of a simulation as .xlsx (money in yuan), with a total row; audited. */
  async exportTownships(actor: Actor, input: SimulationInput): Promise<{ fileName: string; data: Buffer }> {
    const result = await this.run(actor, input);
    const yuan = (fen: number) => Math.round(fen) / 100;
    const row = (code: string, name: string, t: SimulationTotals) => ({
      townshipCode: code,
      townshipName: name,
      households: t.households,
      gained: t.gained,
      lost: t.lost,
      increased: t.increased,
      decreased: t.decreased,
      beforeYuan: yuan(t.beforeMonthlyFen),
      afterYuan: yuan(t.afterMonthlyFen),
      deltaYuan: yuan(t.deltaMonthlyFen),
    });
    const rows = [
      ...result.byTownship.map((t) => row(t.townshipCode, t.townshipName, t)),
      row('', '合计', result.totals),
    ];
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve, reject) => {
      out.on('end', resolve);
      out.on('error', reject);
    });
    await exportXlsx('政策模拟-按乡镇', TOWNSHIP_COLUMNS, iterate(rows), out);
    out.end();
    await done;
    await this.db.transaction((tx) =>
      recordAudit(tx, actor, {
        action: 'assistance.simulation.export',
        entityType: 'policy_simulation',
        regionCode: result.regionCode,
        detail: { input, month: result.month, rows: rows.length },
      }),
    );
    return { fileName: `政策模拟-${result.regionCode || 'all'}-${result.month}.xlsx`, data: Buffer.concat(chunks) };
  }
}

// Aggregates only, no personal data: internal, so nothing is masked.
const col = (key: string, headerZh: string, headerEn: string, width?: number): ExcelColumn => ({
  key,
  headerZh,
  headerEn,
  sensitivity: 'internal',
  width,
});

const TOWNSHIP_COLUMNS: ExcelColumn[] = [
  col('townshipCode', '乡镇(街道)代码', 'Township code', 16),
  col('townshipName', '乡镇(街道)', 'Township', 28),
  col('households', '测算户数', 'Households', 10),
  col('gained', '新增保障户', 'Gained', 10),
  col('lost', '退出保障户', 'Lost', 10),
  col('increased', '增发户', 'Increased', 10),
  col('decreased', '减发户', 'Decreased', 10),
  col('beforeYuan', '调整前月支出(元)', 'Monthly before (yuan)', 18),
  col('afterYuan', '调整后月支出(元)', 'Monthly after (yuan)', 18),
  col('deltaYuan', '月支出变化(元)', 'Monthly change (yuan)', 16),
];

async function* iterate<T>(rows: readonly T[]): AsyncIterable<T> {
  for (const r of rows) yield r;
}
