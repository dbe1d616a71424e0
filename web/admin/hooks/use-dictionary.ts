import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { api } from '../../shared/api.ts';
import type { DictionaryItem } from '../../shared/types.ts';
import { useLanguage } from '../../shared/use-language.ts';

export interface Dictionary {
  items: DictionaryItem[];
  /** Label in the UI language; falls back to the raw value (or '—'). */
  label: (value: string | number | null | undefined) => string;
  /** `{ value: { text } }` for ProTable/ProDescriptions `valueEnum`. */
  valueEnum: Record<string, { text: string }>;
  options: { value: string; label: string }[];
  isLoading: boolean;
}

/** Code tables from GET /dictionaries/:code (sex, relation, disability_category, …). Cached for the session. */
export function useDictionary(code: string): Dictionary {
  const { english } = useLanguage();
  const query = useQuery({
    queryKey: ['dictionary', code],
    queryFn: ({ signal }) =>
      api.get<DictionaryItem[]>(`/dictionaries/${encodeURIComponent(code)}`, undefined, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
  const items = useMemo(() => query.data ?? [], [query.data]);
  const text = useCallback(
    (item: DictionaryItem) => (english ? item.labelEn || item.labelZh : item.labelZh),
    [english],
  );
  const byValue = useMemo(() => new Map(items.map((item) => [String(item.value), item])), [items]);
  const label = useCallback(
    (value: string | number | null | undefined) => {
      if (value === null || value === undefined || value === '') return '—';
      const item = byValue.get(String(value));
      return item ? text(item) : String(value);
    },
    [byValue, text],
  );
  const valueEnum = useMemo(
    () => Object.fromEntries(items.map((item) => [String(item.value), { text: text(item) }])),
    [items, text],
  );
  const options = useMemo(() => items.map((item) => ({ value: String(item.value), label: text(item) })), [items, text]);
  return { items, label, valueEnum, options, isLoading: query.isLoading };
}
