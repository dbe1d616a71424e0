import type { TFunction } from 'i18next';
import { formatFen } from '../../../shared/format.ts';

/** What GET /policy/assistance/parameters says about one key (src/core/rules/assistance-catalogue.ts). */
export type ParameterUnit = 'money' | 'percent' | 'ratio' | 'count' | 'boolean' | 'choice' | 'list' | 'json';

export interface ParameterField {
  name: string;
  labelZh: string;
  labelEn: string;
}

export interface ParameterDescriptor {
  key: string;
  labelZh: string;
  labelEn: string;
  unit: ParameterUnit;
  unitZh?: string;
  unitEn?: string;
  fields?: ParameterField[];
  options?: string[];
  group: string;
}

export type SourceTag = 'N' | 'CQ' | 'Seed' | 'Ex' | 'Assumption';

export interface ParameterValueRow {
  id: string;
  key: string;
  regionCode: string;
  regionName: string;
  effectiveFrom: string;
  value: unknown;
  source: string;
  sourceTag: SourceTag | null;
  createdBy: string;
  createdAt: string;
  withdrawnAt: string | null;
}

export interface ParameterItem extends ParameterDescriptor {
  current: ParameterValueRow | null;
  next: ParameterValueRow | null;
}

export interface ParameterList {
  regionCode: string;
  regionName: string;
  date: string;
  items: ParameterItem[];
}

export type RowStatus = 'withdrawn' | 'scheduled' | 'in-force' | 'superseded' | 'elsewhere';

export interface ParameterHistory {
  key: string;
  regionCode: string;
  today: string;
  descriptor: ParameterDescriptor;
  items: (ParameterValueRow & { status: RowStatus; canWithdraw: boolean })[];
}

export function labelOf(d: Pick<ParameterDescriptor, 'labelZh' | 'labelEn'>, english: boolean): string {
  return english ? d.labelEn : d.labelZh;
}

/** Basis points as a percent without trailing zeros: 3000 → '30'. */
export function bpAsPercent(bp: number): string {
  return String(Math.round(bp) / 100);
}

/** Basis points as a multiple: 15000 → '1.5'. */
export function bpAsMultiple(bp: number): string {
  return String(Math.round(bp) / 10_000);
}

function scalar(d: ParameterDescriptor, v: unknown, t: TFunction, english: boolean): string {
  if (typeof v === 'number') {
    if (d.unit === 'money') return `${formatFen(v)} ${t('policy.units.yuan')}`;
    if (d.unit === 'percent') return `${bpAsPercent(v)}%`;
    if (d.unit === 'ratio') return `${bpAsMultiple(v)}×`;
    const unit = english ? d.unitEn : d.unitZh;
    return unit ? `${v} ${unit}` : String(v);
  }
  if (typeof v === 'boolean') return v ? t('policy.yes') : t('policy.no');
  if (typeof v === 'string') return t(`policy.options.${v}`, { defaultValue: v });
  return JSON.stringify(v);
}

function isBands(v: unknown): v is { needUpToFen: number | null; maxMultipleBp: number }[] {
  return Array.isArray(v) && v.every((b) => typeof b === 'object' && b !== null && 'maxMultipleBp' in b);
}

/** A stored value in words: yuan for fen, % or × for basis points, labels for codes. */
export function formatValue(d: ParameterDescriptor, v: unknown, t: TFunction, english: boolean): string {
  if (v === null || v === undefined) return t('policy.noValue');
  if (d.fields && typeof v === 'object' && !Array.isArray(v)) {
    const record = v as Record<string, unknown>;
    return d.fields
      .map((f) => `${english ? f.labelEn : f.labelZh} ${scalar(d, record[f.name], t, english)}`)
      .join(english ? '; ' : '；');
  }
  if (isBands(v)) {
    return v
      .map((b) =>
        b.needUpToFen === null
          ? t('policy.bandOpen', { multiple: bpAsMultiple(b.maxMultipleBp) })
          : t('policy.bandNeed', { need: formatFen(b.needUpToFen), multiple: bpAsMultiple(b.maxMultipleBp) }),
      )
      .join(english ? '; ' : '；');
  }
  if (Array.isArray(v)) return v.map((x) => scalar(d, x, t, english)).join(english ? ', ' : '、');
  return scalar(d, v, t, english);
}

/** Form value (yuan, %, ×) → stored value (fen, basis points). */
export function toStored(d: ParameterDescriptor, formValue: unknown): unknown {
  const one = (x: unknown) => {
    if (typeof x !== 'number') return x;
    if (d.unit === 'money') return Math.round(x * 100);
    if (d.unit === 'percent') return Math.round(x * 100);
    if (d.unit === 'ratio') return Math.round(x * 10_000);
    return x;
  };
  if (d.unit === 'json') {
    if (typeof formValue !== 'string') return formValue;
    try {
      return JSON.parse(formValue);
    } catch {
      return formValue;
    }
  }
  if (d.fields && typeof formValue === 'object' && formValue !== null) {
    return Object.fromEntries(Object.entries(formValue as Record<string, unknown>).map(([k, x]) => [k, one(x)]));
  }
  return one(formValue);
}

/** Stored value → form value, to prefill the form with the value in force. */
export function toForm(d: ParameterDescriptor, stored: unknown): unknown {
  const one = (x: unknown) => {
    if (typeof x !== 'number') return x;
    if (d.unit === 'money' || d.unit === 'percent') return x / 100;
    if (d.unit === 'ratio') return x / 10_000;
    return x;
  };
  if (d.unit === 'json') return JSON.stringify(stored, null, 2);
  if (d.fields && typeof stored === 'object' && stored !== null) {
    return Object.fromEntries(Object.entries(stored as Record<string, unknown>).map(([k, x]) => [k, one(x)]));
  }
  return one(stored);
}
