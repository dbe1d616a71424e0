import { z } from 'zod';
import { PROGRAMMES } from './statistics-shaping.ts';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM / month must be YYYY-MM');

/** Most months one request may cover (five years of monthly rows). */
export const MAX_MONTHS = 60;

export const STATISTICS_TABLES = ['months', 'regions', 'programmes', 'processing', 'overdue'] as const;
export type StatisticsTable = (typeof STATISTICS_TABLES)[number];

const filters = {
  region: z
    .string()
    .regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, '区划代码应为 2、4、6、9 或 12 位数字 / a 2-12 digit region code')
    .optional(),
  programme: z.enum(PROGRAMMES, { error: '未知的救助类别 / unknown programme' }).optional(),
  from: Month.optional(),
  to: Month.optional(),
};

const monthOrder = {
  check: (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to,
  params: { path: ['to'], message: '结束月份不能早于开始月份 / the end month must not be before the start month' },
};

/** Filters of every statistics table: region within the caller's scope, programme, month window. */
export const StatisticsQuery = z.strictObject(filters).refine(monthOrder.check, monthOrder.params);
export type StatisticsQuery = z.infer<typeof StatisticsQuery>;

/** The same filters plus which table to export. */
export const StatisticsExportQuery = z
  .strictObject({
    ...filters,
    table: z.enum(STATISTICS_TABLES, {
      error: '表格应为 months、regions、programmes、processing 或 overdue / unknown table',
    }),
  })
  .refine(monthOrder.check, monthOrder.params);
export type StatisticsExportQuery = z.infer<typeof StatisticsExportQuery>;
