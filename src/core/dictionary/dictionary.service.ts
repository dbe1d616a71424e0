import type { Database } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { emitEvent } from '../events/event-bus.ts';
import { AppError, notFound } from '../shared/errors.ts';
import {
  findDictionary,
  findDictionaryItem,
  insertLocalItem,
  type LocalItemPatch,
  loadAllDictionaries,
  nextSort,
  updateLocalItemIfVersion,
  upsertShippedDictionaries,
} from './dictionary.repository.ts';
import { replaceDictionaryCache, SHIPPED_DICTIONARIES } from './dictionary-cache.ts';
import type { DictionaryEntry, Sensitivity } from './dictionary-types.ts';

const readOnly = (zh: string, en: string) => new AppError('dictionary.read_only', zh, en);

/** Reloads the cache from the tables, shipped sets first in their shipped order. */
export async function refreshDictionaryCache(db: Database): Promise<void> {
  const order = new Map(SHIPPED_DICTIONARIES.map((d, i) => [d.code, i]));
  const all = await loadAllDictionaries(db);
  all.sort(
    (a, b) =>
      (order.get(a.meta.code) ?? order.size) - (order.get(b.meta.code) ?? order.size) ||
      a.meta.code.localeCompare(b.meta.code),
  );
  replaceDictionaryCache(all);
}

/** Idempotent seed of the shipped (national) code sets, then the cache; run once at start-up. */
export async function initDictionaries(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    // Two processes starting on one PostgreSQL seed one after the other.
    await tx.query('SELECT pg_advisory_xact_lock(7410005)');
    await upsertShippedDictionaries(tx, SHIPPED_DICTIONARIES);
  });
  await refreshDictionaryCache(db);
}

export interface LocalItemInput {
  value: string;
  labelZh: string;
  labelEn: string;
  sort?: number;
  sensitivity?: Sensitivity | null;
  remark?: string | null;
}

/** A code set that takes data elements needs a sensitivity on every item. */
function needsSensitivity(code: string): boolean {
  return SHIPPED_DICTIONARIES.some((d) => d.code === code && d.items.some((i) => i.sensitivity));
}

const sensitivityMissing = () =>
  new AppError('request.invalid', '数据元须标明敏感级别', 'a data element needs a sensitivity', [
    { field: 'sensitivity', message_zh: '请选择敏感级别', message_en: 'choose a sensitivity' },
  ]);

/** Adds a local extension (is_local) to an editable code set; audited, and usable in validation at once. */
export async function addLocalItem(
  db: Database,
  actor: Actor,
  code: string,
  input: LocalItemInput,
): Promise<DictionaryEntry> {
  if (needsSensitivity(code) && !input.sensitivity) throw sensitivityMissing();
  await db.transaction(async (tx) => {
    const dict = await findDictionary(tx, code);
    if (!dict) throw notFound('dictionary', '代码表');
    if (!dict.editable) {
      throw readOnly(
        `代码表「${dict.nameZh}」执行国家标准 ${dict.standard},不能增加本地代码`,
        `code set ${code} follows ${dict.standard} and takes no local items`,
      );
    }
    const inserted = await insertLocalItem(tx, code, {
      value: input.value,
      labelZh: input.labelZh,
      labelEn: input.labelEn,
      sort: input.sort ?? (await nextSort(tx, code)),
      sensitivity: input.sensitivity ?? null,
      remark: input.remark ?? null,
    });
    if (!inserted) {
      throw new AppError('conflict.duplicate', '该代码值已存在', 'the code value already exists', [
        { field: 'value', message_zh: '该代码值已存在', message_en: 'already exists' },
      ]);
    }
    await recordAudit(tx, actor, {
      action: 'dictionary.item.create',
      entityType: 'dictionary_item',
      entityId: `${code}:${input.value}`,
      regionCode: actor.regionScope,
      detail: { code, ...input },
    });
    await emitEvent(tx, 'dictionary.changed', { code, value: input.value }, null);
  });
  await refreshDictionaryCache(db);
  return getItem(db, code, input.value);
}

/** Edits or disables a local item (optimistic version check); national items are read-only (409). */
export async function updateLocalItem(
  db: Database,
  actor: Actor,
  code: string,
  value: string,
  version: number,
  patch: LocalItemPatch,
): Promise<DictionaryEntry> {
  await db.transaction(async (tx) => {
    const item = await findDictionaryItem(tx, code, value);
    if (!item) throw notFound('dictionary item', '代码');
    if (!item.isLocal) {
      throw readOnly(
        '国家标准代码只读,不能修改或停用;如需扩展请新增本地代码',
        'national standard items are read-only; add a local item instead',
      );
    }
    if (patch.sensitivity === null && needsSensitivity(code)) throw sensitivityMissing();
    if (!(await updateLocalItemIfVersion(tx, code, value, version, patch))) {
      throw new AppError(
        'conflict.version',
        '该代码已被他人修改,请刷新后重试',
        'the item was changed by someone else; reload',
      );
    }
    await recordAudit(tx, actor, {
      action: patch.isActive === false ? 'dictionary.item.disable' : 'dictionary.item.update',
      entityType: 'dictionary_item',
      entityId: `${code}:${value}`,
      regionCode: actor.regionScope,
      detail: { code, value, ...patch },
    });
    await emitEvent(tx, 'dictionary.changed', { code, value }, null);
  });
  await refreshDictionaryCache(db);
  return getItem(db, code, value);
}

async function getItem(db: Database, code: string, value: string): Promise<DictionaryEntry> {
  const item = await findDictionaryItem(db, code, value);
  if (!item) throw notFound('dictionary item', '代码');
  return item;
}
