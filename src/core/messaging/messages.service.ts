import type { Database, Queryable } from '../../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { notFound } from '../shared/errors.ts';
import {
  countUnreadMessages,
  findMessage,
  insertMessages,
  listMessages,
  type MessageRow,
  markAllMessagesRead,
  markMessageRead,
  type NewMessage,
} from './messages.repository.ts';
import { requireStaffUser } from './staff-user.ts';

/**
 * 站内信: each staff member's inbox. Messages are written by the platform (case events, deadline job) or by business
 * lines through send(); people only read them. A message of someone else is indistinguishable from a missing one.
 */
export class MessagesService {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** Writes messages (in the caller's transaction when given); repeats under the same dedupe key are skipped. */
  /** Sends in the caller's transaction, or on its own: one INSERT, atomic by itself. */
  async send(messages: NewMessage[], tx?: Queryable): Promise<number> {
    return insertMessages(tx ?? this.db, messages);
  }

  async list(actor: Actor, opts: { unreadOnly: boolean; page: number; pageSize: number }) {
    requireStaffUser(actor);
    const { total, unread, rows } = await listMessages(this.db, actor.id, {
      unreadOnly: opts.unreadOnly,
      limit: opts.pageSize,
      offset: (opts.page - 1) * opts.pageSize,
    });
    return { total, unread, items: rows.map(presentMessage) };
  }

  async unreadCount(actor: Actor): Promise<{ unread: number }> {
    requireStaffUser(actor);
    return { unread: await countUnreadMessages(this.db, actor.id) };
  }

  async get(actor: Actor, id: string) {
    requireStaffUser(actor);
    const row = await findMessage(this.db, actor.id, id);
    if (!row) throw notFound('message', '站内信');
    return presentMessage(row);
  }

  async markRead(actor: Actor, id: string) {
    requireStaffUser(actor);
    const row = await this.db.transaction((tx) => markMessageRead(tx, actor.id, id));
    if (!row) throw notFound('message', '站内信');
    return presentMessage(row);
  }

  async markAllRead(actor: Actor): Promise<{ updated: number }> {
    requireStaffUser(actor);
    return { updated: await this.db.transaction((tx) => markAllMessagesRead(tx, actor.id)) };
  }
}

function presentMessage(row: MessageRow) {
  return {
    id: row.id,
    kind: row.kind,
    titleZh: row.title_zh,
    titleEn: row.title_en,
    bodyZh: row.body_zh,
    bodyEn: row.body_en,
    caseId: row.case_id,
    createdAt: new Date(row.created_at).toISOString(),
    readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
  };
}
