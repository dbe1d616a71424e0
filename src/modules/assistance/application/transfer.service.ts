import { recordAudit } from '../../../core/audit/audit.repository.ts';
import { type Actor, hasPermission } from '../../../core/auth/actor.ts';
import { AppError, notFound } from '../../../core/shared/errors.ts';
import type { Database } from '../../../db/database.ts';
import type { TransferQuery } from './application.schema.ts';
import { presentTransfer } from './application-view.ts';
import { findTransferForOrg, listTransfers, replyTransfer } from './transfer.repository.ts';

/** Permission of other departments' liaison staff (and their systems) to answer transferred needs. */
export const TRANSFER_REPLY_PERMISSION = 'transfer:reply';

/** 分办转办 tracked to closure: the department's inbox and its reply. */
export class TransferService {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** A department sees what was sent to its organisation; civil-affairs staff see the transfers in their scope. */
  async inbox(actor: Actor, query: TransferQuery) {
    const department = hasPermission(actor, TRANSFER_REPLY_PERMISSION) && !actor.permissions.has('*');
    if (!department && !hasPermission(actor, 'case:read')) {
      throw new AppError('auth.forbidden', '您没有该操作的权限', 'permission case:read or transfer:reply is required');
    }
    const { total, rows } = await listTransfers(this.db, actor, { byOrg: department, ...query });
    return { total, items: rows.map(presentTransfer) };
  }

  async reply(actor: Actor, id: string, reply: string) {
    if (!hasPermission(actor, TRANSFER_REPLY_PERMISSION)) {
      throw new AppError('auth.forbidden', '只有承接部门可以回复转办事项', 'only the receiving department may reply');
    }
    return this.db.transaction(async (tx) => {
      const t = await findTransferForOrg(tx, actor, id);
      if (!t) throw notFound('transfer', '转办事项');
      if (t.status === 'replied' || t.status === 'closed') {
        throw new AppError('conflict.version', '该转办事项已回复', 'this transfer has already been answered');
      }
      await replyTransfer(tx, id, reply, actor.id);
      await recordAudit(tx, actor, {
        action: 'assistance.transfer.reply',
        entityType: 'case',
        entityId: t.case_id,
        regionCode: t.region_code,
        detail: { transferId: id, need: t.need },
      });
      return presentTransfer({ ...t, status: 'replied', reply, replied_by: actor.id, replied_at: new Date() });
    });
  }
}
