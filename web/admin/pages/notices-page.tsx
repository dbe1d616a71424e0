import { PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { Badge, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api.ts';
import { formatDate } from '../../shared/format.ts';
import type { InboxPage, NoticeItem } from '../../shared/types.ts';
import { hasPermission, useCurrentUser } from '../auth.tsx';
import { NoticeManageTable } from '../components/notice-manage-table.tsx';
import { NoticeReader, noticeAudience } from '../components/notice-reader.tsx';

/** The notices addressed to the signed-in user; opening one leaves the read receipt. */
function NoticeInbox() {
  const { t } = useTranslation();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [unread, setUnread] = useState(0);
  const [reading, setReading] = useState<NoticeItem | null>(null);
  const [reloadKey, setReloadKey] = useState(0);

  const columns: ProColumns<NoticeItem>[] = [
    {
      title: t('notices.titleLabel'),
      dataIndex: 'title',
      ellipsis: true,
      render: (_, n) => (
        <span data-testid="notice-row" data-read={n.readAt ? 'true' : 'false'}>
          <Badge status={n.readAt ? 'default' : 'processing'} style={{ marginRight: 6 }} />
          <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('notices.audience'),
      dataIndex: 'targetRegion',
      width: 220,
      ellipsis: true,
      render: (_, n) => noticeAudience(n),
    },
    { title: t('notices.publishedBy'), dataIndex: 'publishedByName', width: 170, ellipsis: true },
    { title: t('notices.publishOn'), dataIndex: 'publishOn', width: 120, render: (_, n) => formatDate(n.publishOn) },
    { title: t('notices.expireOn'), dataIndex: 'expireOn', width: 120, render: (_, n) => formatDate(n.expireOn) },
  ];

  return (
    <>
      <ProTable<NoticeItem, { unreadOnly: boolean; reloadKey: number }>
        rowKey="id"
        className="hm-clickable-rows"
        columns={columns}
        params={{ unreadOnly, reloadKey }}
        search={false}
        options={{ density: false, setting: false, reload: true }}
        pagination={{ defaultPageSize: 20 }}
        request={async (params) => {
          const page = await api.get<InboxPage<NoticeItem>>('/notices', {
            unreadOnly: params.unreadOnly,
            page: params.current ?? 1,
            pageSize: params.pageSize ?? 20,
          });
          setUnread(page.unread);
          return { data: page.items, total: page.total, success: true };
        }}
        onRow={(n) => ({ onClick: () => setReading(n) })}
        toolbar={{
          menu: {
            type: 'tab',
            activeKey: unreadOnly ? 'unread' : 'all',
            items: [
              { key: 'all', label: t('messages.all') },
              {
                key: 'unread',
                label: (
                  <span data-testid="notices-tab-unread">
                    {t('notices.unread')} <Badge count={unread} size="small" />
                  </span>
                ),
              },
            ],
            onChange: (key) => setUnreadOnly(key === 'unread'),
          },
        }}
      />
      <NoticeReader
        notice={reading}
        markRead
        onClose={() => {
          setReading(null);
          setReloadKey((k) => k + 1);
        }}
      />
    </>
  );
}

/** 通知公告: my notices for everyone; publishing, withdrawal and receipts for leaders and administrators. */
export function NoticesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canPublish = hasPermission(me, 'notices:publish');
  return (
    <PageContainer title={t('notices.title')}>
      {canPublish ? (
        <Tabs
          items={[
            {
              key: 'inbox',
              label: <span data-testid="notices-tab-inbox">{t('notices.inbox')}</span>,
              children: <NoticeInbox />,
            },
            {
              key: 'manage',
              label: <span data-testid="notices-tab-manage">{t('notices.manage')}</span>,
              children: <NoticeManageTable />,
            },
          ]}
        />
      ) : (
        <NoticeInbox />
      )}
    </PageContainer>
  );
}
