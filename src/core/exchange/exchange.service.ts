import { createReadStream } from 'node:fs';
import type { Database } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { type Actor, hasPermission } from '../auth/actor.ts';
import type { FieldCipher } from '../shared/crypto.ts';
import { AppError, notFound } from '../shared/errors.ts';
import {
  type CategoryRow,
  findCategory,
  listCategories,
  listDepartments,
  updateCategory,
} from './catalogue.repository.ts';
import type { CategoryUpdate } from './exchange.schema.ts';
import { type ExchangeFileFormat, formatOfFileName, hashFile, readCsvRows, readXlsxRows } from './exchange-file.ts';
import { rawText } from './exchange-row.ts';
import { type IngestProgress, type IngestResult, ingestLines, ingestRows } from './ingest.ts';

/** The permission that administers the catalogue and imports department files. */
export const EXCHANGE_ADMIN = 'admin:settings';

/** A department system may push or query a category only with the scope `exchange:<code>` (or `exchange:*`). */
export function canExchange(actor: Actor, categoryCode: string): boolean {
  if (actor.kind === 'client')
    return actor.permissions.has(`exchange:${categoryCode}`) || actor.permissions.has('exchange:*');
  return hasPermission(actor, EXCHANGE_ADMIN);
}

function forbidden(categoryCode: string): AppError {
  return new AppError(
    'auth.forbidden',
    `没有数据类别 ${categoryCode} 的交换权限`,
    `scope exchange:${categoryCode} is required for this data category`,
  );
}

/** Catalogue administration, file and API ingestion, record queries (verification lives in verification.ts). */
export class ExchangeService {
  private readonly db: Database;
  private readonly cipher: FieldCipher;

  constructor(db: Database, cipher: FieldCipher) {
    this.db = db;
    this.cipher = cipher;
  }

  listCategories(): Promise<CategoryRow[]> {
    return listCategories(this.db);
  }

  listDepartments() {
    return listDepartments(this.db);
  }

  async getCategory(code: string): Promise<CategoryRow> {
    const c = await findCategory(this.db, code);
    if (!c) throw notFound('data category', '数据类别');
    return c;
  }

  /**
   * An administrator renames a category, relabels its fields or switches it on/off. Keys, types and flags of the
   * fields are the data contract with the department and stay as they are; the change is versioned and audited.
   */
  async updateCategory(actor: Actor, code: string, input: CategoryUpdate): Promise<CategoryRow> {
    return this.db.transaction(async (tx) => {
      const current = await findCategory(tx, code);
      if (!current) throw notFound('data category', '数据类别');
      const labels = new Map(input.fieldLabels?.map((l) => [l.key, l]) ?? []);
      for (const key of labels.keys()) {
        if (!current.fields.some((f) => f.key === key)) {
          throw new AppError('request.invalid', `没有字段 ${key}`, `no field ${key}`, [
            {
              field: 'fieldLabels',
              message_zh: `该类别没有字段 ${key}`,
              message_en: `the category has no field ${key}`,
            },
          ]);
        }
      }
      const fields = current.fields.map((f) => {
        const l = labels.get(f.key);
        return l ? { ...f, labelZh: l.labelZh, labelEn: l.labelEn } : f;
      });
      const change = {
        nameZh: input.nameZh ?? current.nameZh,
        nameEn: input.nameEn ?? current.nameEn,
        enabled: input.enabled ?? current.enabled,
        fields,
      };
      if (!(await updateCategory(tx, code, input.version, change, actor.id))) {
        throw new AppError(
          'conflict.version',
          '该类别已被他人修改,请刷新后重试',
          'the category changed since it was read; reload',
        );
      }
      await recordAudit(tx, actor, {
        action: 'exchange.category.update',
        entityType: 'exchange_category',
        entityId: code,
        detail: {
          fromVersion: input.version,
          nameZh: change.nameZh,
          nameEn: change.nameEn,
          enabled: change.enabled,
          relabelled: [...labels.keys()],
        },
      });
      const updated = await findCategory(tx, code);
      if (!updated) throw notFound('data category', '数据类别');
      return updated;
    });
  }

  /** Imports a department file (CSV or .xlsx) of one category: the file's SHA-256 makes the same file a no-op. */
  async importFile(
    actor: Actor,
    categoryCode: string,
    path: string,
    options: {
      fileName: string;
      format?: ExchangeFileFormat;
      onProgress?: (p: IngestProgress) => void | Promise<void>;
    },
  ): Promise<IngestResult> {
    if (!canExchange(actor, categoryCode)) throw forbidden(categoryCode);
    const category = await this.getCategory(categoryCode);
    const format = options.format ?? formatOfFileName(options.fileName);
    if (!format) {
      throw new AppError('request.invalid', '只支持 .csv 和 .xlsx 文件', 'only .csv and .xlsx files', [
        { field: 'file', message_zh: '请上传 .csv 或 .xlsx 文件', message_en: 'upload a .csv or .xlsx file' },
      ]);
    }
    const contentHash = await hashFile(path);
    const stream = createReadStream(path);
    const rows = format === 'csv' ? readCsvRows(category.fields, stream) : readXlsxRows(category.fields, stream);
    try {
      return await ingestLines(this.db, this.cipher, categoryCode, rows, {
        source: 'file',
        createdBy: actor.id,
        actor,
        fileName: options.fileName,
        contentHash,
        onProgress: options.onProgress,
      });
    } finally {
      stream.destroy();
    }
  }

  /** A department system pushes a batch of records; without the category's scope nothing is read or stored. */
  async pushRecords(actor: Actor, categoryCode: string, records: Record<string, unknown>[]): Promise<IngestResult> {
    if (!canExchange(actor, categoryCode)) throw forbidden(categoryCode);
    await this.getCategory(categoryCode);
    return ingestRows(this.db, this.cipher, categoryCode, records, {
      source: 'api',
      createdBy: actor.id,
      actor,
      clientId: actor.kind === 'client' ? actor.id : undefined,
    });
  }

  /** A category's records about one person (by ID number, looked up through the blind index); audited. */
  async queryRecords(actor: Actor, categoryCode: string, idNumber: string) {
    if (!canExchange(actor, categoryCode)) throw forbidden(categoryCode);
    await this.getCategory(categoryCode);
    const index = this.cipher.blindIndex(rawText(idNumber));
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query(
        `SELECT id::int AS id, record_key AS "recordKey", to_char(occurred_on, 'YYYY-MM-DD') AS "occurredOn",
                amount_fen::float8 AS "amountFen", payload, batch_id AS "batchId", received_at AS "receivedAt"
         FROM exchange_record WHERE subject_index = $1 AND category_code = $2 ORDER BY occurred_on DESC, id DESC
         LIMIT 500`,
        [index, categoryCode],
      );
      await recordAudit(tx, actor, {
        action: 'exchange.records.query',
        entityType: 'exchange_category',
        entityId: categoryCode,
        detail: { found: rows.length },
      });
      return { categoryCode, records: rows };
    });
  }

  async listBatches(filter: { categoryCode?: string; page: number; pageSize: number }) {
    const where = '($1::text IS NULL OR category_code = $1)';
    const total = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM exchange_batch WHERE ${where}`, [
      filter.categoryCode ?? null,
    ]);
    const { rows } = await this.db.query(
      `SELECT id, category_code AS "categoryCode", source, client_id AS "clientId", file_name AS "fileName", status,
              total_rows AS "totalRows", stored_rows AS "storedRows", duplicate_rows AS "duplicateRows",
              bad_rows AS "badRows", created_by AS "createdBy", created_at AS "createdAt", finished_at AS "finishedAt"
       FROM exchange_batch WHERE ${where} ORDER BY created_at DESC LIMIT $2 OFFSET $3`,
      [filter.categoryCode ?? null, filter.pageSize, (filter.page - 1) * filter.pageSize],
    );
    return { total: total.rows[0].n, rows };
  }

  /** One batch with its reported bad rows (line numbers and reasons, never values). */
  async getBatch(actor: Actor, id: string) {
    const { rows } = await this.db.query<{ categoryCode: string; clientId: string | null } & Record<string, unknown>>(
      `SELECT id, category_code AS "categoryCode", source, client_id AS "clientId", file_name AS "fileName", status,
              total_rows AS "totalRows", stored_rows AS "storedRows", duplicate_rows AS "duplicateRows",
              bad_rows AS "badRows", errors, created_by AS "createdBy", created_at AS "createdAt",
              finished_at AS "finishedAt"
       FROM exchange_batch WHERE id = $1`,
      [id],
    );
    const b = rows[0];
    // A department system sees only its own batches; staff need the administration permission.
    const visible = b && (actor.kind === 'client' ? b.clientId === actor.id : hasPermission(actor, EXCHANGE_ADMIN));
    if (!visible) throw notFound('batch', '批次');
    return b;
  }
}
