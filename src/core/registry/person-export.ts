import ExcelJS from 'exceljs';
import type { Actor } from '../auth/actor.ts';
import { dictionaryLabel } from './dictionaries.ts';
import type { PersonQuery } from './registry.schema.ts';
import type { RegistryService } from './registry.service.ts';

const MAX_ROWS = 100_000;

/** Persons in the caller's scope as an Excel sheet, masked like every list; streamed page by page from the database. */
export async function exportPersonsXlsx(
  registry: RegistryService,
  actor: Actor,
  q: Omit<PersonQuery, 'page' | 'pageSize'>,
): Promise<{ data: Buffer; rows: number }> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Huimin 惠民';
  const ws = wb.addWorksheet('居民名单');
  ws.columns = [
    { header: '姓名', key: 'name', width: 12 },
    { header: '性别', key: 'sex', width: 6 },
    { header: '年龄', key: 'age', width: 6 },
    { header: '身份证号', key: 'id', width: 22 },
    { header: '手机号', key: 'phone', width: 14 },
    { header: '居住地', key: 'region', width: 40 },
    { header: '户号', key: 'householdNo', width: 18 },
    { header: '残疾类别', key: 'disability', width: 10 },
    { header: '残疾等级', key: 'level', width: 8 },
  ];
  ws.getRow(1).font = { bold: true };
  let rows = 0;
  for (let offset = 0; rows < MAX_ROWS; offset += 500) {
    const items = await registry.listPersonsPage(actor, q, 500, offset);
    for (const p of items) {
      ws.addRow({
        name: p.name,
        sex: p.sexName,
        age: p.age,
        id: p.idNumberMasked,
        phone: p.phoneMasked ?? '',
        region: p.regionName,
        householdNo: p.householdNo ?? '',
        disability: dictionaryLabel('disability_category', p.disabilityCategory),
        level: p.disabilityLevel ?? '',
      });
    }
    rows += items.length;
    if (items.length < 500) break;
  }
  const data = Buffer.from(await wb.xlsx.writeBuffer());
  return { data, rows };
}
