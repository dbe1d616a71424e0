import type { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { type Actor, coversBusinessLine, isInScope } from '../auth/actor.ts';
import { safeRegionName } from '../region/region-name.ts';
import { isKnownRegion } from '../region/region-tree.ts';
import { AppError, type FieldError, invalidField, notFound } from '../shared/errors.ts';
import { PARAMETER_VALUE_SCHEMAS } from './assistance-catalogue.ts';
import { ASSISTANCE_SCHEME } from './assistance-defaults.ts';
import { findDescriptor, PARAMETER_DESCRIPTORS } from './assistance-descriptors.ts';
import {
  findRowById,
  insertRow,
  listRowsVisibleToScope,
  markWithdrawn,
  type PolicyParameterRecord,
} from './policy.repository.ts';
import { appliesToRegion, resolveKeys } from './resolve-parameters.ts';

export interface NewParameterValue {
  key: string;
  regionCode: string;
  effectiveFrom: string;
  value: unknown;
  source: string;
}

/** The [N]/[CQ]/[Seed]/[Ex]/[Assumption] tag a source text starts with, if any. */
export function sourceTagOf(source: string): string | null {
  return /^\[(N|CQ|Seed|Ex|Assumption)\]/.exec(source)?.[1] ?? null;
}

export type RowStatus = 'withdrawn' | 'scheduled' | 'in-force' | 'superseded' | 'elsewhere';

/** Where a row stands for one region on one day: the value in force, a future one, an old one, or another area's. */
export function rowStatus(
  row: PolicyParameterRecord,
  regionCode: string,
  today: string,
  inForceIds: ReadonlySet<string>,
): RowStatus {
  if (row.withdrawnAt) return 'withdrawn';
  if (row.effectiveFrom > today) return 'scheduled';
  if (inForceIds.has(row.id)) return 'in-force';
  return appliesToRegion(row, regionCode) ? 'superseded' : 'elsewhere';
}

const forbiddenLine = () =>
  new AppError('auth.forbidden', '您的角色不涵盖社会救助业务', 'your roles do not cover social assistance');

/**
 * The admin side of social-assistance policy parameters: read the values in force and their history, add a value
 * (never edit one), withdraw a value not yet in force. Reads are open to every user of the assistance line in their
 * scope; writes need 'policy:edit' (checked by the route) and a region inside the writer's scope.
 */
export class PolicyAdminService {
  private readonly db: Database;
  private readonly today: () => string;

  constructor(db: Database, today: () => string) {
    this.db = db;
    this.today = today;
  }

  private regionFor(actor: Actor, regionCode: string | undefined): string {
    if (!coversBusinessLine(actor, 'assistance')) throw forbiddenLine();
    const region = regionCode ?? actor.regionScope;
    if (!isInScope(actor, region)) throw notFound('region', '区划');
    return region;
  }

  /** Every key with its value in force for the region on the date, the row it comes from and the next change. */
  async list(actor: Actor, query: { regionCode?: string; date?: string }) {
    const regionCode = this.regionFor(actor, query.regionCode);
    const date = query.date ?? this.today();
    const rows = await listRowsVisibleToScope(this.db, ASSISTANCE_SCHEME, actor.regionScope);
    const live = rows.filter((r) => !r.withdrawnAt && appliesToRegion(r, regionCode));
    const resolved = resolveKeys(live, regionCode, date);
    const byId = new Map(live.map((r) => [r.id, r]));
    const items = PARAMETER_DESCRIPTORS.map((d) => {
      const citation = resolved.citations[d.key];
      const row = citation ? byId.get(citation.rowId) : undefined;
      const next = live
        .filter((r) => r.key === d.key && r.effectiveFrom > date)
        .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[0];
      return {
        ...d,
        current: row ? present(row) : null,
        next: next ? present(next) : null,
      };
    });
    return { regionCode, regionName: safeRegionName(regionCode), date, items };
  }

  /** All rows of one key that apply in the scope or inside it, withdrawn ones too, newest first. */
  async history(actor: Actor, key: string, query: { regionCode?: string }) {
    const regionCode = this.regionFor(actor, query.regionCode);
    const descriptor = findDescriptor(key);
    if (!descriptor) throw notFound('policy parameter', '政策参数');
    const today = this.today();
    const rows = await listRowsVisibleToScope(this.db, ASSISTANCE_SCHEME, actor.regionScope, key);
    const inForce = resolveKeys(
      rows.filter((r) => !r.withdrawnAt),
      regionCode,
      today,
    ).citations[key];
    const inForceIds = new Set(inForce ? [inForce.rowId] : []);
    const items = rows
      .map((r) => ({
        ...present(r),
        status: rowStatus(r, regionCode, today, inForceIds),
        canWithdraw: !r.withdrawnAt && r.effectiveFrom > today && isInScope(actor, r.regionCode),
      }))
      .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.regionCode.length - a.regionCode.length);
    return { key, regionCode, today, descriptor, items };
  }

  /** Adds a value from a date for a region in the actor's scope; a live duplicate (key, region, date) is a 409. */
  async add(actor: Actor, input: NewParameterValue) {
    if (!coversBusinessLine(actor, 'assistance')) throw forbiddenLine();
    const descriptor = findDescriptor(input.key);
    if (!descriptor) {
      throw invalidField('key', `未知的参数 ${input.key}`, `unknown parameter ${input.key}`);
    }
    if (!isKnownRegion(input.regionCode)) {
      throw invalidField('regionCode', `区划代码 ${input.regionCode} 不存在`, `no region ${input.regionCode}`);
    }
    if (!isInScope(actor, input.regionCode)) {
      throw invalidField(
        'regionCode',
        `区划 ${input.regionCode} 不在您的管辖范围内(${actor.regionScope})`,
        `region ${input.regionCode} is outside your jurisdiction (${actor.regionScope})`,
      );
    }
    const parsed = PARAMETER_VALUE_SCHEMAS[descriptor.key].safeParse(input.value);
    if (!parsed.success) throw invalidValue(parsed.error);
    const created = await this.db.transaction(async (tx) => {
      const row = await insertRow(tx, {
        scheme: ASSISTANCE_SCHEME,
        key: descriptor.key,
        regionCode: input.regionCode,
        effectiveFrom: input.effectiveFrom,
        value: parsed.data,
        source: input.source,
        createdBy: actor.id,
      });
      if (!row) return undefined;
      await recordAudit(tx, actor, {
        action: 'policy.parameter.add',
        entityType: 'policy_parameter',
        entityId: row.id,
        regionCode: row.regionCode,
        reason: input.source,
        detail: { scheme: ASSISTANCE_SCHEME, key: row.key, effectiveFrom: row.effectiveFrom, value: row.value },
      });
      return row;
    });
    if (!created) {
      throw new AppError(
        'conflict.duplicate',
        `${descriptor.labelZh}在 ${input.regionCode} 自 ${input.effectiveFrom} 起已有一个值;请撤回它或选择其他日期`,
        `${descriptor.labelEn} already has a value for ${input.regionCode} from ${input.effectiveFrom}; withdraw it or pick another date`,
        [
          {
            field: 'effectiveFrom',
            message_zh: '该区划该日期已有值',
            message_en: 'a value from this date exists for this region',
          },
        ],
      );
    }
    return present(created);
  }

  /** Withdraws a value not yet in force (effective after today); in-force and past values are never changed. */
  async withdraw(actor: Actor, id: string, reason: string) {
    if (!coversBusinessLine(actor, 'assistance')) throw forbiddenLine();
    const today = this.today();
    return this.db.transaction(async (tx) => {
      const row = await findRowById(tx, ASSISTANCE_SCHEME, id);
      if (!row || !isInScope(actor, row.regionCode)) throw notFound('policy parameter value', '政策参数值');
      if (row.withdrawnAt) {
        throw new AppError('policy.not_withdrawable', '该参数值已撤回', 'this value has already been withdrawn');
      }
      if (row.effectiveFrom <= today) {
        throw new AppError(
          'policy.not_withdrawable',
          `该参数值自 ${row.effectiveFrom} 起已生效,不能撤回;如需调整请新增一个值`,
          `this value has been in force since ${row.effectiveFrom} and cannot be withdrawn; add a new value instead`,
        );
      }
      await markWithdrawn(tx, row.id, actor.id);
      await recordAudit(tx, actor, {
        action: 'policy.parameter.withdraw',
        entityType: 'policy_parameter',
        entityId: row.id,
        regionCode: row.regionCode,
        reason,
        detail: { scheme: ASSISTANCE_SCHEME, key: row.key, effectiveFrom: row.effectiveFrom, value: row.value },
      });
      const after = await findRowById(tx, ASSISTANCE_SCHEME, id);
      return present(after ?? row);
    });
  }
}

function present(row: PolicyParameterRecord) {
  return {
    id: row.id,
    key: row.key,
    regionCode: row.regionCode,
    regionName: safeRegionName(row.regionCode),
    effectiveFrom: row.effectiveFrom,
    value: row.value,
    source: row.source,
    sourceTag: sourceTagOf(row.source),
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    withdrawnAt: row.withdrawnAt,
  };
}

/** Zod issues on a value as field errors named value.<path>, bilingual as the schemas write them. */
function invalidValue(error: z.ZodError): AppError {
  const fields: FieldError[] = error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const [zh, en] = issue.message.includes(' / ') ? issue.message.split(' / ') : ['取值无效', issue.message];
    return { field: path ? `value.${path}` : 'value', message_zh: zh, message_en: en };
  });
  return new AppError(
    'request.invalid',
    '参数值有误,请检查标出的字段',
    'invalid parameter value; see the fields',
    fields,
  );
}
