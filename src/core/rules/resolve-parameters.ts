/**
 * Per-key resolution of effective-dated policy parameters (pure). A parameter row sets one key for one region
 * prefix from one date. For a region and a date each key takes the row of the most specific region that defines
 * it, then the latest effective_from on or before the date. A district row overriding one key therefore does not
 * hide a later city change to another key: both apply.
 */

import { createHash } from 'node:crypto';
import { stableStringify } from '../shared/stable-json.ts';

/** One live (not withdrawn) policy_parameter row. */
export interface ParameterRow {
  id: string;
  key: string;
  /** Region code prefix the row applies to: '50' 重庆, '500156' 武隆区. */
  regionCode: string;
  /** First day in force, YYYY-MM-DD. */
  effectiveFrom: string;
  value: unknown;
}

/** Which row a key's value came from. */
export interface Citation {
  rowId: string;
  regionCode: string;
  effectiveFrom: string;
}

export interface ResolvedKeys {
  values: Record<string, unknown>;
  citations: Record<string, Citation>;
}

/** A whole parameter set in force from one breakpoint, with the row behind every key. */
export interface SyntheticVersion extends ResolvedKeys {
  effectiveFrom: string;
  /** Content address of the citations (see citationHash). */
  hash: string;
}

/** True when the row's region is a prefix of the region asked for. */
export function appliesToRegion(row: Pick<ParameterRow, 'regionCode'>, regionCode: string): boolean {
  return regionCode.startsWith(row.regionCode);
}

/** Whether `candidate` beats `current` for one key: longer region prefix first, then the later start date. */
function isBetter(candidate: ParameterRow, current: ParameterRow | undefined): boolean {
  if (!current) return true;
  if (candidate.regionCode.length !== current.regionCode.length) {
    return candidate.regionCode.length > current.regionCode.length;
  }
  return candidate.effectiveFrom > current.effectiveFrom;
}

/** The row chosen for every key defined for the region on the date (keys without a row in force are absent). */
export function resolveKeys(rows: readonly ParameterRow[], regionCode: string, date: string): ResolvedKeys {
  const chosen = new Map<string, ParameterRow>();
  for (const row of rows) {
    if (!appliesToRegion(row, regionCode) || row.effectiveFrom > date) continue;
    if (isBetter(row, chosen.get(row.key))) chosen.set(row.key, row);
  }
  const values: Record<string, unknown> = {};
  const citations: Record<string, Citation> = {};
  for (const [key, row] of [...chosen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    values[key] = row.value;
    citations[key] = { rowId: row.id, regionCode: row.regionCode, effectiveFrom: row.effectiveFrom };
  }
  return { values, citations };
}

/** Content address of a set of citations: the same rows give the same hash, whatever the region or date asked. */
export function citationHash(scheme: string, citations: Record<string, Citation>): string {
  const rowIds = Object.fromEntries(Object.entries(citations).map(([key, c]) => [key, c.rowId]));
  return createHash('sha256').update(stableStringify({ scheme, rowIds })).digest('hex');
}

/**
 * Whole versions for one region: one per start date of any applicable row where every required key has a value
 * and the rows cited differ from the previous version's. Sorted by date.
 */
export function synthesiseVersions(
  scheme: string,
  rows: readonly ParameterRow[],
  regionCode: string,
  requiredKeys: readonly string[],
): SyntheticVersion[] {
  const applicable = rows.filter((row) => appliesToRegion(row, regionCode));
  const breakpoints = [...new Set(applicable.map((row) => row.effectiveFrom))].sort();
  const versions: SyntheticVersion[] = [];
  let previousHash: string | undefined;
  for (const date of breakpoints) {
    const resolved = resolveKeys(applicable, regionCode, date);
    if (requiredKeys.some((key) => !(key in resolved.values))) continue;
    const hash = citationHash(scheme, resolved.citations);
    if (hash === previousHash) continue;
    previousHash = hash;
    versions.push({ effectiveFrom: date, hash, ...resolved });
  }
  return versions;
}

/** The most specific region and latest start date among the rows cited (what a snapshot row records). */
export function snapshotAnchor(citations: Record<string, Citation>): { regionCode: string; onDate: string } {
  let regionCode = '';
  let onDate = '';
  for (const c of Object.values(citations)) {
    if (c.regionCode.length > regionCode.length) regionCode = c.regionCode;
    if (c.effectiveFrom > onDate) onDate = c.effectiveFrom;
  }
  return { regionCode, onDate };
}
