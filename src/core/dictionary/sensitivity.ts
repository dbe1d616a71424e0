/**
 * Field → sensitivity: the MZ/T 073-2024 data elements (dictionary `means_check_element`, local elements included)
 * plus the registry's own fields. Exports mask by it and the server log redacts by it.
 */
import { maskBankAccount, maskIdNumber, maskName, maskPhone } from '../shared/masking.ts';
import { dictionaryEntries, onDictionaryCacheChange } from './dictionary-cache.ts';
import type { Sensitivity } from './dictionary-types.ts';

/** Registry and API field names that are not data elements of their own (or whose name differs). */
const REGISTRY_FIELDS: Readonly<Record<string, Sensitivity>> = {
  idNumber: 'sensitive_personal',
  idNumberMasked: 'internal',
  phone: 'sensitive_personal',
  phoneMasked: 'internal',
  bankAccount: 'sensitive_personal',
  name: 'personal',
  headName: 'personal',
  birthDate: 'personal',
  address: 'personal',
  monthlyIncomeFen: 'sensitive_personal',
  disabilityCategory: 'sensitive_personal',
  disabilityLevel: 'sensitive_personal',
  regionCode: 'internal',
  householdNo: 'internal',
};

let fieldMap = new Map<string, Sensitivity>();

function rebuild(): void {
  const map = new Map<string, Sensitivity>(Object.entries(REGISTRY_FIELDS));
  for (const e of dictionaryEntries('means_check_element', true) ?? []) {
    // The registry's own classification wins where both name a field (it knows how the field is stored).
    if (e.sensitivity && !map.has(e.value)) map.set(e.value, e.sensitivity);
  }
  fieldMap = map;
}
rebuild();
onDictionaryCacheChange(rebuild);

/** Sensitivity of a field by its API/camelCase or snake_case name; unknown fields count as 'personal'. */
export function fieldSensitivity(field: string): Sensitivity {
  return fieldMap.get(field) ?? fieldMap.get(camel(field)) ?? 'personal';
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Every field classified sensitive_personal, camelCase and snake_case. */
export function sensitiveFields(): string[] {
  const names = [...fieldMap].filter(([, s]) => s === 'sensitive_personal').map(([f]) => f);
  return [...new Set(names.flatMap((f) => [f, snake(f)]))].sort();
}

/** pino redact paths for the sensitive fields, at the top level and one or two levels down. */
export function logRedactPaths(): string[] {
  return sensitiveFields().flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);
}

export type MaskKind = 'id_number' | 'phone' | 'bank_account' | 'name' | 'all';

/** Masks a value for display outside an audited reveal. Idempotent: masking a masked value changes nothing. */
export function maskValue(value: string, kind: MaskKind): string {
  switch (kind) {
    case 'id_number':
      return maskIdNumber(value);
    case 'phone':
      return maskPhone(value);
    case 'bank_account':
      return maskBankAccount(value);
    case 'name':
      return maskName(value);
    default:
      return value.length <= 2 ? '*'.repeat(value.length) : `${value[0]}${'*'.repeat(value.length - 2)}${value.at(-1)}`;
  }
}

/** The value as an export may show it: sensitive_personal values masked (by their kind, or all but the ends). */
export function presentBySensitivity(value: string, sensitivity: Sensitivity, kind?: MaskKind): string {
  if (sensitivity !== 'sensitive_personal' || value === '') return value;
  return maskValue(value, kind ?? 'all');
}

const LOOKS_PERSONAL = /^(\d{17}[\dXx]|1[3-9]\d{9})$/;

/** Request URL for the log with sensitive query parameters masked (?idNumber=… is a common lookup). */
export function maskSensitiveUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  const hits = [...params].filter(([k, v]) => fieldSensitivity(k) === 'sensitive_personal' || LOOKS_PERSONAL.test(v));
  if (hits.length === 0) return url;
  for (const [key, value] of hits) {
    params.set(key, maskValue(value, /^1[3-9]\d{9}$/.test(value) ? 'phone' : 'id_number'));
  }
  return `${url.slice(0, q)}?${params.toString()}`;
}
