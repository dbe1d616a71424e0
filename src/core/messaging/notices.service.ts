import type { Database } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { type Actor, hasPermission, isInScope } from '../auth/actor.ts';
import { emitEvent } from '../events/event-bus.ts';
import { safeRegionName } from '../region/region-name.ts';
import { AppError, invalidField, notFound } from '../shared/errors.ts';
import {
  findNoticeForActor,
  findNoticeInScope,
  findOrgRegionInScope,
  insertNotice,
  listNoticeReceipts,
  listNoticesForActor,
  listNoticesInScope,
  markNoticeRead,
  type NoticeRow,
  withdrawNotice,
} from './notices.repository.ts';
import { requireStaffUser } from './staff-user.ts';

export type NoticeStatus = 'scheduled' | 'active' | 'expired' | 'withdrawn';

export interface NoticeInput {
  title: string;
  body: string;
  targetRegion?: string;
  targetOrgId?: string;
  publishOn?: string;
  expireOn?: string;
}

const PUBLISH = 'notices:publish';

/** 通知公告: leaders and administrators publish to an organisation or a region; staff read them and leave receipts. */
export class NoticesService {
  private readonly db: Database;
  private readonly today: () => string;

  constructor(db: Database, today: () => string) {
    this.db = db;
    this.today = today;
  }

  /** Notices addressed to the actor today (their organisation, or a region covering their jurisdiction). */
  async inbox(actor: Actor, opts: { unreadOnly: boolean; page: number; pageSize: number }) {
    requireStaffUser(actor);
    const { total, unread, rows } = await listNoticesForActor(this.db, actor, this.today(), {
      unreadOnly: opts.unreadOnly,
      limit: opts.pageSize,
      offset: (opts.page - 1) * opts.pageSize,
    });
    return { total, unread, items: rows.map((r) => this.present(r)) };
  }

  /** A notice the actor is addressed by, or (for a publisher) one within their jurisdiction; otherwise 404. */
  async get(actor: Actor, id: string) {
    requireStaffUser(actor);
    const row =
      (await findNoticeForActor(this.db, actor, this.today(), id)) ??
      (hasPermission(actor, PUBLISH) ? await findNoticeInScope(this.db, actor, id) : undefined);
    if (!row) throw notFound('notice', '通知');
    return this.present(row);
  }

  /** The read receipt: the first time counts; reading again changes nothing. */
  async markRead(actor: Actor, id: string) {
    requireStaffUser(actor);
    return this.db.transaction(async (tx) => {
      const row = await findNoticeForActor(tx, actor, this.today(), id);
      if (!row) throw notFound('notice', '通知');
      const readAt = await markNoticeRead(tx, id, actor.id);
      return { ...this.present(row), readAt: new Date(readAt).toISOString() };
    });
  }

  async publish(actor: Actor, input: NoticeInput) {
    requireStaffUser(actor);
    requirePublisher(actor);
    const today = this.today();
    const publishOn = input.publishOn ?? today;
    if ((input.targetRegion === undefined) === (input.targetOrgId === undefined)) {
      throw invalidField(
        'targetRegion',
        '请选择发送范围:一个区划或一个机构(二选一)',
        'choose the audience: one region or one organisation',
      );
    }
    if (publishOn < today) throw invalidField('publishOn', '发布日期不能早于今天', 'cannot publish in the past');
    if (input.expireOn !== undefined && input.expireOn < publishOn) {
      throw invalidField('expireOn', '截止日期不能早于发布日期', 'the expiry date must not be before publication');
    }
    let regionCode: string;
    if (input.targetRegion !== undefined) {
      if (!isInScope(actor, input.targetRegion)) {
        throw invalidField('targetRegion', '超出您的管辖范围', 'outside your jurisdiction');
      }
      regionCode = input.targetRegion;
    } else {
      const orgRegion = await findOrgRegionInScope(this.db, actor, input.targetOrgId as string);
      if (!orgRegion) throw notFound('organisation', '机构');
      regionCode = orgRegion;
    }
    const id = await this.db.transaction(async (tx) => {
      const newId = await insertNotice(tx, {
        title: input.title,
        body: input.body,
        targetOrgId: input.targetOrgId ?? null,
        targetRegion: input.targetRegion ?? null,
        regionCode,
        publishOn,
        expireOn: input.expireOn ?? null,
        publishedBy: actor.id,
        publishedByName: actor.name,
      });
      await recordAudit(tx, actor, {
        action: 'notice.publish',
        entityType: 'notice',
        entityId: newId,
        regionCode,
        detail: {
          title: input.title,
          targetRegion: input.targetRegion ?? null,
          targetOrgId: input.targetOrgId ?? null,
        },
      });
      await emitEvent(tx, 'notice.published', { noticeId: newId, publishOn }, regionCode);
      return newId;
    });
    return this.get(actor, id);
  }

  async withdraw(actor: Actor, id: string) {
    requireStaffUser(actor);
    requirePublisher(actor);
    await this.db.transaction(async (tx) => {
      const row = await findNoticeInScope(tx, actor, id);
      if (!row) throw notFound('notice', '通知');
      if (!(await withdrawNotice(tx, id))) {
        throw new AppError('conflict.version', '该通知已撤回', 'the notice has already been withdrawn');
      }
      await recordAudit(tx, actor, {
        action: 'notice.withdraw',
        entityType: 'notice',
        entityId: id,
        regionCode: row.region_code,
      });
      await emitEvent(tx, 'notice.withdrawn', { noticeId: id }, row.region_code);
    });
    return this.get(actor, id);
  }

  /** Every notice within the publisher's jurisdiction, with its read count against its audience. */
  async manage(actor: Actor, page: number, pageSize: number) {
    requireStaffUser(actor);
    requirePublisher(actor);
    const { total, rows } = await listNoticesInScope(this.db, actor, pageSize, (page - 1) * pageSize);
    return {
      total,
      items: rows.map((r) => ({
        ...this.present(r),
        readCount: r.read_count ?? 0,
        audienceCount: r.audience_count ?? 0,
      })),
    };
  }

  /** Who of the audience has read the notice and when (unread last). */
  async receipts(actor: Actor, id: string) {
    requireStaffUser(actor);
    requirePublisher(actor);
    if (!(await findNoticeInScope(this.db, actor, id))) throw notFound('notice', '通知');
    const rows = await listNoticeReceipts(this.db, actor, id);
    return {
      audience: rows.length,
      read: rows.filter((r) => r.read_at !== null).length,
      items: rows.map((r) => ({
        userId: r.user_id,
        displayName: r.display_name,
        orgName: r.org_name,
        readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
      })),
    };
  }

  private present(row: NoticeRow) {
    return {
      id: row.id,
      title: row.title,
      body: row.body,
      targetRegion: row.target_region,
      targetRegionName: row.target_region ? safeRegionName(row.target_region) : null,
      targetOrgId: row.target_org_id,
      targetOrgName: row.target_org_name,
      publishOn: row.publish_on,
      expireOn: row.expire_on,
      publishedByName: row.published_by_name,
      createdAt: new Date(row.created_at).toISOString(),
      withdrawnAt: row.withdrawn_at ? new Date(row.withdrawn_at).toISOString() : null,
      status: noticeStatus(row, this.today()),
      readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
    };
  }
}

export function noticeStatus(
  row: Pick<NoticeRow, 'withdrawn_at' | 'publish_on' | 'expire_on'>,
  today: string,
): NoticeStatus {
  if (row.withdrawn_at) return 'withdrawn';
  if (row.publish_on > today) return 'scheduled';
  if (row.expire_on !== null && row.expire_on < today) return 'expired';
  return 'active';
}

function requirePublisher(actor: Actor): void {
  if (!hasPermission(actor, PUBLISH)) {
    throw new AppError('auth.forbidden', '您没有发布通知公告的权限', `permission ${PUBLISH} is required`);
  }
}
