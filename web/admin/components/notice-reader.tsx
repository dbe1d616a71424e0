import { useQueryClient } from '@tanstack/react-query';
import { Descriptions, Drawer, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api.ts';
import { dash, formatDate, formatDateTime } from '../../shared/format.ts';
import type { NoticeItem, NoticeStatus } from '../../shared/types.ts';

/** Query key prefix of every notice list; reading or publishing invalidates it. */
export const NOTICES_QUERY_KEY = ['notices'] as const;

const STATUS_COLORS: Record<NoticeStatus, string> = {
  scheduled: 'default',
  active: 'green',
  expired: 'orange',
  withdrawn: 'red',
};

export function NoticeStatusTag({ status }: { status: NoticeStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} bordered={false} data-testid="notice-status" data-status={status}>
      {t(`notices.statuses.${status}`)}
    </Tag>
  );
}

/** Who a notice is addressed to: a region or an organisation. */
export function noticeAudience(n: NoticeItem): string {
  return n.targetOrgName ?? n.targetRegionName ?? dash(n.targetRegion);
}

/**
 * Shows a notice. Opening one addressed to the reader leaves the read receipt (POST …/read is idempotent: the first
 * read time stays), so the reader's unread list and the publisher's receipts follow.
 */
export function NoticeReader({
  notice,
  markRead,
  onClose,
}: {
  notice: NoticeItem | null;
  /** False for a publisher looking at a notice not addressed to them. */
  markRead: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!notice || !markRead || notice.readAt) return;
    api
      .post<NoticeItem>(`/notices/${notice.id}/read`, undefined, { idempotent: true })
      .then(() => queryClient.invalidateQueries({ queryKey: NOTICES_QUERY_KEY }))
      .catch(() => undefined); // the notice stays unread and is offered again; nothing for the reader to do
  }, [notice, markRead, queryClient]);

  return (
    <Drawer open={notice !== null} onClose={onClose} width={560} title={notice?.title} destroyOnHidden>
      {notice && (
        <div data-testid="notice-reader">
          <Descriptions
            size="small"
            column={2}
            style={{ marginBottom: 16 }}
            items={[
              { key: 'by', label: t('notices.publishedBy'), children: notice.publishedByName },
              { key: 'audience', label: t('notices.audience'), children: noticeAudience(notice) },
              { key: 'on', label: t('notices.publishOn'), children: formatDate(notice.publishOn) },
              { key: 'expire', label: t('notices.expireOn'), children: formatDate(notice.expireOn) },
              { key: 'status', label: t('notices.status'), children: <NoticeStatusTag status={notice.status} /> },
              {
                key: 'read',
                label: t('notices.readAt'),
                children: notice.readAt ? formatDateTime(notice.readAt) : markRead ? t('notices.read') : '—',
              },
            ]}
          />
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 15, lineHeight: 1.8 }}>
            {notice.body}
          </Typography.Paragraph>
        </div>
      )}
    </Drawer>
  );
}
