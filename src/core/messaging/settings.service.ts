import type { Database } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { type Actor, hasPermission } from '../auth/actor.ts';
import { emitEvent } from '../events/event-bus.ts';
import { AppError } from '../shared/errors.ts';
import {
  checkSettingChanges,
  effectiveValue,
  findSettingDefinition,
  SETTING_DEFINITIONS,
  type SettingKey,
  type SettingValue,
} from './setting-definitions.ts';
import { deleteSetting, listStoredSettings, lockStoredSettings, upsertSetting } from './settings.repository.ts';

export interface SettingView {
  key: string;
  type: 'string' | 'number' | 'boolean';
  value: string | number | boolean;
  defaultValue: string | number | boolean;
  isDefault: boolean;
  labelZh: string;
  labelEn: string;
  descriptionZh: string;
  descriptionEn: string;
  isPublic: boolean;
  min: number | null;
  max: number | null;
  maxLength: number | null;
  updatedBy: string | null;
  updatedAt: string | null;
}

/** Runtime parameters: typed reads for the rest of the platform, audited changes by the system administrator. */
export class SettingsService {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** The current value of one setting (its default when never changed). */
  async get<K extends SettingKey>(key: K): Promise<SettingValue<K>> {
    const def = findSettingDefinition(key);
    if (!def) throw new Error(`unknown setting ${key}`);
    const stored = (await listStoredSettings(this.db)).find((r) => r.key === key);
    return effectiveValue(def, stored?.value) as SettingValue<K>;
  }

  /** Every setting with its value, default and limits, for the settings page. */
  async list(actor: Actor): Promise<SettingView[]> {
    requireSettingsPermission(actor);
    const stored = new Map((await listStoredSettings(this.db)).map((r) => [r.key, r]));
    return SETTING_DEFINITIONS.map((def) => {
      const row = stored.get(def.key);
      const value = effectiveValue(def, row?.value);
      return {
        key: def.key,
        type: def.type,
        value,
        defaultValue: def.defaultValue,
        isDefault: row === undefined,
        labelZh: def.labelZh,
        labelEn: def.labelEn,
        descriptionZh: def.descriptionZh,
        descriptionEn: def.descriptionEn,
        isPublic: def.isPublic,
        min: 'min' in def ? def.min : null,
        max: 'max' in def ? def.max : null,
        maxLength: 'maxLength' in def ? def.maxLength : null,
        updatedBy: row?.updated_by ?? null,
        updatedAt: row ? new Date(row.updated_at).toISOString() : null,
      };
    });
  }

  /** The settings anyone may see (no sign-in): system name, upload limit, 公示 footer, … */
  async publicValues(): Promise<Record<string, string | number | boolean>> {
    const stored = new Map((await listStoredSettings(this.db)).map((r) => [r.key, r.value]));
    const out: Record<string, string | number | boolean> = {};
    for (const def of SETTING_DEFINITIONS) {
      if (def.isPublic) out[def.key] = effectiveValue(def, stored.get(def.key));
    }
    return out;
  }

  /**
   * Changes several settings at once (null = back to the default). A wrong key or type is a 400 naming
   * `values.<key>` and nothing is saved; each real change writes one audit row with the old and new value.
   */
  async update(actor: Actor, values: Record<string, unknown>): Promise<SettingView[]> {
    requireSettingsPermission(actor);
    const errors = checkSettingChanges(values);
    if (errors.length > 0) {
      throw new AppError('request.invalid', '参数值有误,请检查标出的参数', 'invalid settings; see the fields', errors);
    }
    await this.db.transaction(async (tx) => {
      const current = await lockStoredSettings(tx, Object.keys(values));
      const changed: string[] = [];
      for (const [key, value] of Object.entries(values)) {
        const def = findSettingDefinition(key);
        if (!def) continue;
        const before = current.has(key) ? effectiveValue(def, current.get(key)) : null;
        if (value === null ? !current.has(key) : current.has(key) && before === value) continue;
        if (value === null) await deleteSetting(tx, key);
        else await upsertSetting(tx, key, value, actor.name);
        await recordAudit(tx, actor, {
          action: 'setting.update',
          entityType: 'setting',
          entityId: key,
          detail: { from: before ?? def.defaultValue, to: value ?? def.defaultValue, reset: value === null },
        });
        changed.push(key);
      }
      if (changed.length > 0) await emitEvent(tx, 'settings.changed', { keys: changed });
    });
    return this.list(actor);
  }
}

function requireSettingsPermission(actor: Actor): void {
  if (!hasPermission(actor, 'admin:settings')) {
    throw new AppError('auth.forbidden', '您没有修改系统参数的权限', 'permission admin:settings is required');
  }
}
