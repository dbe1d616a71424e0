/**
 * The code sets in memory, so validation (zod refinements, import rows) stays synchronous. It starts with the shipped
 * national sets and is replaced from the database on start and after every local change, so a local item added by
 * an administrator is usable in validation at once. One platform database per process, as in production.
 */
import type { DictionaryDef, DictionaryEntry, DictionaryMeta } from './dictionary-types.ts';
import { MEANS_CHECK_ELEMENTS } from './means-check-elements.ts';
import { NATIONAL_CODE_SETS } from './national-code-sets.ts';

/** Every code set shipped with the platform, in display order. */
export const SHIPPED_DICTIONARIES: readonly DictionaryDef[] = [...NATIONAL_CODE_SETS, MEANS_CHECK_ELEMENTS];

interface CachedDictionary {
  meta: DictionaryMeta;
  items: DictionaryEntry[];
  byValue: Map<string, DictionaryEntry>;
  /** Chinese and English labels (and values) of active items → value, for Excel cells. */
  byText: Map<string, string>;
}

let cache = new Map<string, CachedDictionary>();
let listeners: Array<() => void> = [];

function index(meta: DictionaryMeta, items: DictionaryEntry[]): CachedDictionary {
  const sorted = [...items].sort((a, b) => a.sort - b.sort || a.value.localeCompare(b.value));
  const byText = new Map<string, string>();
  for (const i of sorted) {
    if (!i.isActive) continue;
    byText.set(i.value, i.value);
    if (!byText.has(i.labelZh)) byText.set(i.labelZh, i.value);
    if (!byText.has(i.labelEn.toLowerCase())) byText.set(i.labelEn.toLowerCase(), i.value);
  }
  return { meta, items: sorted, byValue: new Map(sorted.map((i) => [i.value, i])), byText };
}

/** Replaces the whole cache (after loading the tables). */
export function replaceDictionaryCache(dicts: Array<{ meta: DictionaryMeta; items: DictionaryEntry[] }>): void {
  cache = new Map(dicts.map((x) => [x.meta.code, index(x.meta, x.items)]));
  for (const l of listeners) l();
}

/** Called after every cache replacement (e.g. to rebuild derived maps such as field sensitivities). */
export function onDictionaryCacheChange(listener: () => void): () => void {
  listeners.push(listener);
  return () => {
    listeners = listeners.filter((l) => l !== listener);
  };
}

/** The shipped definitions as cache entries: national items, none local. */
export function shippedEntries(def: DictionaryDef): { meta: DictionaryMeta; items: DictionaryEntry[] } {
  const { items, ...meta } = def;
  return {
    meta,
    items: items.map((i, n) => ({
      value: i.value,
      labelZh: i.labelZh,
      labelEn: i.labelEn,
      sort: (n + 1) * 10,
      isActive: true,
      isLocal: false,
      sensitivity: i.sensitivity ?? null,
      remark: i.remark ?? null,
      version: 1,
    })),
  };
}

replaceDictionaryCache(SHIPPED_DICTIONARIES.map(shippedEntries));

/** True when `value` is an active item of the code set (validation of new data). */
export function dictionaryHas(code: string, value: string): boolean {
  return cache.get(code)?.byValue.get(value)?.isActive ?? false;
}

/** Chinese label of a value, inactive items included (old data keeps its label); the value itself when unknown. */
export function dictionaryLabel(code: string, value: string | null | undefined): string {
  if (value == null) return '';
  return cache.get(code)?.byValue.get(value)?.labelZh ?? value;
}

/** The value for a cell text: an active item's value, Chinese label or English label (case-insensitive). */
export function dictionaryValueOf(code: string, text: string): string | undefined {
  const d = cache.get(code);
  return d?.byText.get(text) ?? d?.byText.get(text.toLowerCase());
}

/** Items of a code set in display order; only active ones unless asked. */
export function dictionaryEntries(code: string, includeInactive = false): DictionaryEntry[] | undefined {
  const d = cache.get(code);
  if (!d) return undefined;
  return includeInactive ? d.items : d.items.filter((i) => i.isActive);
}

export function dictionaryMeta(code: string): DictionaryMeta | undefined {
  return cache.get(code)?.meta;
}

/** All code sets with their item counts. */
export function listCachedDictionaries(): Array<DictionaryMeta & { itemCount: number; localCount: number }> {
  return [...cache.values()].map((d) => ({
    ...d.meta,
    itemCount: d.items.length,
    localCount: d.items.filter((i) => i.isLocal).length,
  }));
}
