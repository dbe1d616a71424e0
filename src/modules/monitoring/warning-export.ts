/** The warnings list as .xlsx: the actor's scope and filters, names masked, the export audited. */
import { PassThrough } from 'node:stream';
import { recordAudit } from '../../core/audit/audit.repository.ts';
import type { Actor } from '../../core/auth/actor.ts';
import type { ExcelColumn } from '../../core/excel/excel-columns.ts';
import { exportXlsx } from '../../core/excel/excel-export.ts';
import type { Database } from '../../db/database.ts';
import { iterateWarnings, type WarningFilter } from './monitoring.repository.ts';
import type { WarningExportQuery } from './monitoring.schema.ts';
import { presentWarning } from './warning-presenter.ts';

const EXPORT_COLUMNS: ExcelColumn[] = [
  { key: 'ruleCode', headerZh: '预警规则', headerEn: 'Rule', sensitivity: 'internal' },
  { key: 'kind', headerZh: '类型', headerEn: 'Kind', sensitivity: 'internal' },
  { key: 'severity', headerZh: '严重程度', headerEn: 'Severity', sensitivity: 'internal' },
  { key: 'personName', headerZh: '姓名', headerEn: 'Name', sensitivity: 'internal' },
  { key: 'personIdMasked', headerZh: '身份证号(脱敏)', headerEn: 'ID (masked)', text: true, sensitivity: 'internal' },
  { key: 'householdNo', headerZh: '户编号', headerEn: 'Household', text: true, sensitivity: 'internal' },
  { key: 'regionCode', headerZh: '区划代码', headerEn: 'Region', text: true, sensitivity: 'internal' },
  { key: 'status', headerZh: '状态', headerEn: 'Status', sensitivity: 'internal' },
  { key: 'dueOn', headerZh: '办理期限', headerEn: 'Due', sensitivity: 'internal' },
  { key: 'overdue', headerZh: '是否逾期', headerEn: 'Overdue', sensitivity: 'internal' },
  { key: 'escalationLevel', headerZh: '督办次数', headerEn: 'Escalations', sensitivity: 'internal' },
  { key: 'outcome', headerZh: '处置结果', headerEn: 'Outcome', sensitivity: 'internal' },
  { key: 'createdAt', headerZh: '预警时间', headerEn: 'Raised at', sensitivity: 'internal' },
];

export async function exportWarningsXlsx(
  db: Database,
  actor: Actor,
  q: WarningExportQuery,
  today: string,
): Promise<Buffer> {
  const filter: WarningFilter = { ...q, today };
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  async function* rows() {
    for await (const w of iterateWarnings(db, actor, filter)) yield presentWarning(w, today);
  }
  const written = await exportXlsx('预警清单', EXPORT_COLUMNS, rows(), out);
  out.end();
  await done;
  await db.transaction((tx) =>
    recordAudit(tx, actor, {
      action: 'monitoring.warning.export',
      entityType: 'monitoring_warning',
      entityId: null,
      regionCode: actor.regionScope,
      detail: { filter: q, rows: written },
    }),
  );
  return Buffer.concat(chunks);
}
