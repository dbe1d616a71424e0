import { PassThrough, type Writable } from 'node:stream';
import type { Actor } from '../auth/actor.ts';
import type { ExcelColumn } from '../excel/excel-columns.ts';
import { exportXlsx } from '../excel/excel-export.ts';
import type { PersonQuery } from './registry.schema.ts';
import type { RegistryService } from './registry.service.ts';

/** Exports stop here; a larger list needs a filter (region, name). */
export const MAX_EXPORT_ROWS = 100_000;
const PAGE = 500;

/**
 * Columns of the persons list export. ID number and phone are sensitive_personal (field → sensitivity map), so the
 * framework masks them even if a full value ever reached it; disability is shown, as in the list.
 */
export const PERSON_EXPORT_COLUMNS: readonly ExcelColumn[] = [
  { key: 'name', headerZh: '姓名', headerEn: 'Name', width: 12 },
  { key: 'sex', headerZh: '性别', headerEn: 'Sex', dictionary: 'sex', width: 6 },
  { key: 'age', headerZh: '年龄', headerEn: 'Age', sensitivity: 'personal', width: 6 },
  { key: 'idNumber', headerZh: '身份证号', headerEn: 'ID number', width: 22 },
  { key: 'phone', headerZh: '手机号', headerEn: 'Mobile phone', width: 14 },
  { key: 'regionName', headerZh: '居住地', headerEn: 'Residence', sensitivity: 'internal', width: 40 },
  { key: 'householdNo', headerZh: '户号', headerEn: 'Household no.', width: 18 },
  {
    key: 'disabilityCategory',
    headerZh: '残疾类别',
    headerEn: 'Disability category',
    dictionary: 'disability_category',
    mask: 'none',
    width: 10,
  },
  {
    key: 'disabilityLevel',
    headerZh: '残疾等级',
    headerEn: 'Disability level',
    dictionary: 'disability_level',
    mask: 'none',
    width: 8,
  },
];

type ExportQuery = Omit<PersonQuery, 'page' | 'pageSize'>;

/** Persons in the caller's scope, page by page through the same scoped query as the list (masked values only). */
async function* scopedPersonRows(registry: RegistryService, actor: Actor, q: ExportQuery) {
  for (let offset = 0; offset < MAX_EXPORT_ROWS; offset += PAGE) {
    const items = await registry.listPersonsPage(actor, q, Math.min(PAGE, MAX_EXPORT_ROWS - offset), offset);
    for (const p of items) yield { ...p, idNumber: p.idNumberMasked, phone: p.phoneMasked };
    if (items.length < PAGE) return;
  }
}

/** How many rows an export of this query will have (for progress and the audit row). */
export async function countPersonsForExport(registry: RegistryService, actor: Actor, q: ExportQuery): Promise<number> {
  const { total } = await registry.searchPersons(actor, { ...q, page: 1, pageSize: 1 });
  return Math.min(total, MAX_EXPORT_ROWS);
}

/** Streams the persons export of `actor`'s scope to `output`; returns the number of rows. */
export function writePersonsXlsx(
  registry: RegistryService,
  actor: Actor,
  q: ExportQuery,
  output: Writable,
  onProgress?: (written: number) => Promise<void> | void,
): Promise<number> {
  return exportXlsx('居民名单', PERSON_EXPORT_COLUMNS, scopedPersonRows(registry, actor, q), output, {
    onProgress,
    progressEvery: 5000,
  });
}

/** Persons in the caller's scope as an Excel file in memory (GET /persons/export.xlsx). */
export async function exportPersonsXlsx(
  registry: RegistryService,
  actor: Actor,
  q: ExportQuery,
): Promise<{ data: Buffer; rows: number }> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const rows = await writePersonsXlsx(registry, actor, q, sink);
  await done;
  return { data: Buffer.concat(chunks), rows };
}
