/**
 * The shipped 重庆/武隆 defaults (modules/assistance/rules/default-parameters.ts) as policy_parameter rows: one row per
 * key per default version where the value differs from what that region would otherwise resolve to. Pure.
 */

import {
  DEFAULT_PARAMETER_VERSIONS,
  PARAMETER_SOURCES,
  VERSION_NOTES,
} from '../../modules/assistance/rules/default-parameters.ts';
import type { PolicyParameterVersion, PolicyValues } from '../../modules/assistance/rules/policy-parameters.ts';
import { stableStringify } from '../shared/stable-json.ts';
import type { NewParameterRow } from './policy.repository.ts';
import { type ParameterRow, resolveKeys } from './resolve-parameters.ts';

export const ASSISTANCE_SCHEME = 'assistance';

/** Every key a complete assistance parameter set has. */
export const ASSISTANCE_KEYS = Object.keys(PARAMETER_SOURCES) as (keyof PolicyValues)[];

/** Keys whose value a default version note explains (the rest carry their PARAMETER_SOURCES label). */
const VERSIONED_KEYS = new Set<string>(['dibaoStandardFen', 'tekunBasicStandardFen']);

function sourceLabel(version: PolicyParameterVersion, key: keyof PolicyValues, isFirst: boolean): string {
  const note = VERSION_NOTES[version.id];
  if (note && (!isFirst || VERSIONED_KEYS.has(key))) return `[${note.tag}] ${note.note} (${version.id})`;
  const source = PARAMETER_SOURCES[key];
  return `[${source.tag}] ${source.note}`;
}

/** Rows that reproduce the default versions under per-key resolution; created_by 'system'. */
export function defaultAssistanceRows(
  versions: readonly PolicyParameterVersion[] = DEFAULT_PARAMETER_VERSIONS,
): NewParameterRow[] {
  // Less specific regions first, then by date, so each version is compared with what already resolves.
  const ordered = [...versions].sort(
    (a, b) => a.regionCode.length - b.regionCode.length || a.effectiveFrom.localeCompare(b.effectiveFrom),
  );
  const emitted: ParameterRow[] = [];
  const out: NewParameterRow[] = [];
  for (const version of ordered) {
    const current = resolveKeys(emitted, version.regionCode, version.effectiveFrom).values;
    const isFirst = Object.keys(current).length === 0;
    for (const key of ASSISTANCE_KEYS) {
      const value = version.values[key];
      if (key in current && stableStringify(current[key]) === stableStringify(value)) continue;
      emitted.push({
        id: `${version.id}:${key}`,
        key,
        regionCode: version.regionCode,
        effectiveFrom: version.effectiveFrom,
        value,
      });
      out.push({
        scheme: ASSISTANCE_SCHEME,
        key,
        regionCode: version.regionCode,
        effectiveFrom: version.effectiveFrom,
        value,
        source: sourceLabel(version, key, isFirst),
        createdBy: 'system',
      });
    }
  }
  return out;
}
