import { api, type Query } from '../../shared/api.ts';
import type { Page } from '../../shared/types.ts';

export interface TableParams {
  current?: number;
  pageSize?: number;
}

/** Turn ProTable params into the contract's `page`/`pageSize` query and return ProTable's result shape. */
export async function fetchTablePage<T>(
  path: string,
  params: TableParams,
  filters: Query,
): Promise<{ data: T[]; total: number; success: boolean }> {
  const page = await api.get<Page<T>>(path, { ...filters, page: params.current ?? 1, pageSize: params.pageSize ?? 20 });
  return { data: page.items, total: page.total, success: true };
}

/** A trimmed string filter or undefined. */
export function textParam(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
