import type { FieldError } from '../shared/errors.ts';

/**
 * The runtime parameters 参数设置 an administrator may change without a restart. They are plain key/value settings of
 * the installation, distinct from the effective-dated, region-scoped policy parameters that decisions cite.
 */
export type SettingType = 'string' | 'number' | 'boolean';

interface SettingDefinitionBase {
  key: string;
  labelZh: string;
  labelEn: string;
  descriptionZh: string;
  descriptionEn: string;
  /** Shown to anyone through GET /settings/public (header, 公示 pages, upload forms). */
  isPublic: boolean;
}

export type SettingDefinition = SettingDefinitionBase &
  (
    | { type: 'string'; defaultValue: string; maxLength: number }
    | { type: 'number'; defaultValue: number; min: number; max: number; integer: boolean }
    | { type: 'boolean'; defaultValue: boolean }
  );

export const SETTING_DEFINITIONS = [
  {
    key: 'system.name',
    type: 'string',
    defaultValue: '惠民 · 智慧民政平台',
    maxLength: 50,
    labelZh: '系统名称',
    labelEn: 'System name',
    descriptionZh: '显示在页面标题和公示页',
    descriptionEn: 'Shown in page titles and on public notice pages',
    isPublic: true,
  },
  {
    key: 'session.idleMinutesDisplay',
    type: 'number',
    defaultValue: 30,
    min: 5,
    max: 240,
    integer: true,
    labelZh: '会话空闲超时(提示用,分钟)',
    labelEn: 'Session idle timeout shown to users (minutes)',
    descriptionZh: '仅用于提示;实际超时由 HUIMIN_SESSION_IDLE_MINUTES 决定',
    descriptionEn: 'Display only; the enforced limit is HUIMIN_SESSION_IDLE_MINUTES',
    isPublic: true,
  },
  {
    key: 'upload.maxSizeMb',
    type: 'number',
    defaultValue: 10,
    min: 1,
    max: 100,
    integer: true,
    labelZh: '上传文件大小上限(MB)',
    labelEn: 'Upload size limit (MB)',
    descriptionZh: '单个附件的最大大小',
    descriptionEn: 'Largest single attachment',
    isPublic: true,
  },
  {
    key: 'publicity.footer',
    type: 'string',
    defaultValue: '',
    maxLength: 500,
    labelZh: '公示页页脚',
    labelEn: 'Public notice page footer',
    descriptionZh: '如监督电话、承办单位',
    descriptionEn: 'e.g. the complaints hotline and the responsible office',
    isPublic: true,
  },
  {
    key: 'messages.deadlineReminders',
    type: 'boolean',
    defaultValue: true,
    labelZh: '办件到期站内信提醒',
    labelEn: 'Deadline reminders by in-app message',
    descriptionZh: '每日提醒经办人即将到期或已超期的办件',
    descriptionEn: 'Daily message to assignees of cases that are due soon or overdue',
    isPublic: false,
  },
  {
    key: 'messages.deadlineWarningDays',
    type: 'number',
    defaultValue: 2,
    min: 0,
    max: 10,
    integer: true,
    labelZh: '到期提醒提前工作日数',
    labelEn: 'Working days of warning before a deadline',
    descriptionZh: '距步骤时限不超过该工作日数即提醒',
    descriptionEn: 'Remind when a step is due within this many working days',
    isPublic: false,
  },
] as const satisfies readonly SettingDefinition[];

export type SettingKey = (typeof SETTING_DEFINITIONS)[number]['key'];
type DefinitionOf<K extends SettingKey> = Extract<(typeof SETTING_DEFINITIONS)[number], { key: K }>;
export type SettingValue<K extends SettingKey> = DefinitionOf<K>['type'] extends 'string'
  ? string
  : DefinitionOf<K>['type'] extends 'number'
    ? number
    : boolean;

const BY_KEY = new Map<string, SettingDefinition>(SETTING_DEFINITIONS.map((d) => [d.key, d]));

export function findSettingDefinition(key: string): SettingDefinition | undefined {
  return BY_KEY.get(key);
}

/** A stored value of the right type, or the default when the stored one no longer fits (definitions evolve). */
export function effectiveValue(def: SettingDefinition, stored: unknown): string | number | boolean {
  if (stored === undefined || checkSettingValue(def, stored, 'value') !== undefined) return def.defaultValue;
  return stored as string | number | boolean;
}

/** Why a value does not fit its definition, as a field error naming `field`; undefined when it fits. */
export function checkSettingValue(def: SettingDefinition, value: unknown, field: string): FieldError | undefined {
  const error = (zh: string, en: string): FieldError => ({ field, message_zh: zh, message_en: en });
  if (def.type === 'string') {
    if (typeof value !== 'string') return error('应为文本', 'must be text');
    if (value.length > def.maxLength) {
      return error(`不能超过${def.maxLength}个字`, `must be at most ${def.maxLength} characters`);
    }
    return undefined;
  }
  if (def.type === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return error('应为数字', 'must be a number');
    if (def.integer && !Number.isInteger(value)) return error('应为整数', 'must be a whole number');
    if (value < def.min || value > def.max) {
      return error(`应在${def.min}到${def.max}之间`, `must be between ${def.min} and ${def.max}`);
    }
    return undefined;
  }
  if (typeof value !== 'boolean') return error('应为是或否(true/false)', 'must be true or false');
  return undefined;
}

/**
 * Checks a batch of changes: every key must be known and every value must fit (null resets to the default).
 * All errors are reported together, so nothing is saved unless everything is right.
 */
export function checkSettingChanges(values: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(values)) {
    const field = `values.${key}`;
    const def = findSettingDefinition(key);
    if (!def) {
      errors.push({ field, message_zh: '没有这个参数', message_en: 'unknown setting' });
      continue;
    }
    if (value === null) continue;
    const problem = checkSettingValue(def, value, field);
    if (problem) errors.push(problem);
  }
  return errors;
}
