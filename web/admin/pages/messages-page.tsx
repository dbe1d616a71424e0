import { CheckOutlined } from '@ant-design/icons';
import { type ActionType, PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api.ts';
import { formatDateTime } from '../../shared/format.ts';
import type { InboxPage, MessageItem } from '../../shared/types.ts';
import { useLanguage } from '../../shared/use-language.ts';
import { MESSAGES_QUERY_KEY, messageBody, messageTitle, useOpenMessage } from '../components/message-bell.tsx';
import { useApiErrorHandler } from '../hooks/use-api-error.ts';

const KIND_COLORS: Record<string, string> = {
  'case.claimable': 'blue',
  'case.assigned': 'geekblue',
  'case.deadline': 'orange',
  'case.reminded': 'red',
};

/** 站内信: the signed-in user's inbox; opening a message marks it read and goes to its case. */
export function MessagesPage() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const onError = useApiErrorHandler();
  const openMessage = useOpenMessage();
  const actionRef = useRef<ActionType>(null);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [unread, setUnread] = useState(0);

  const markAll = async () => {
    try {
      await api.post<{ updated: number }>('/messages/read-all', undefined, { idempotent: true });
      void message.success(t('messages.markedAllRead'));
      void queryClient.invalidateQueries({ queryKey: MESSAGES_QUERY_KEY });
      actionRef.current?.reload();
    } catch (err) {
      onError(err);
    }
  };

  const columns: ProColumns<MessageItem>[] = [
    {
      title: t('messages.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (_, m) => (
        <Tag color={KIND_COLORS[m.kind] ?? 'default'} bordered={false}>
          {t(`messages.kinds.${m.kind}`, { defaultValue: m.kind })}
        </Tag>
      ),
    },
    {
      title: t('messages.content'),
      dataIndex: 'titleZh',
      render: (_, m) => (
        <div data-testid="message-row" data-read={m.readAt ? 'true' : 'false'}>
          <Badge status={m.readAt ? 'default' : 'processing'} style={{ marginRight: 6 }} />
          <Typography.Text strong={!m.readAt}>{messageTitle(m, english)}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {messageBody(m, english)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('messages.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (_, m) => formatDateTime(m.createdAt),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 110,
      render: (_, m) =>
        m.caseId
          ? [
              <Button key="open" type="link" size="small">
                {t('messages.openCase')}
              </Button>,
            ]
          : [],
    },
  ];

  return (
    <PageContainer title={t('messages.title')}>
      <ProTable<MessageItem, { unreadOnly: boolean }>
        rowKey="id"
        className="hm-clickable-rows"
        actionRef={actionRef}
        columns={columns}
        params={{ unreadOnly }}
        search={false}
        options={{ density: false, setting: false, reload: true }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        request={async (params) => {
          const page = await api.get<InboxPage<MessageItem>>('/messages', {
            unreadOnly: params.unreadOnly,
            page: params.current ?? 1,
            pageSize: params.pageSize ?? 20,
          });
          setUnread(page.unread);
          return { data: page.items, total: page.total, success: true };
        }}
        onRow={(m) => ({
          onClick: () => {
            void openMessage(m).then(() => actionRef.current?.reload());
          },
        })}
        toolbar={{
          menu: {
            type: 'tab',
            activeKey: unreadOnly ? 'unread' : 'all',
            items: [
              { key: 'all', label: <span data-testid="messages-tab-all">{t('messages.all')}</span> },
              {
                key: 'unread',
                label: (
                  <span data-testid="messages-tab-unread">
                    {t('messages.unread')} <Badge count={unread} size="small" />
                  </span>
                ),
              },
            ],
            onChange: (key) => setUnreadOnly(key === 'unread'),
          },
          actions: [
            <Button
              key="all-read"
              icon={<CheckOutlined />}
              disabled={unread === 0}
              data-testid="messages-mark-all"
              onClick={() => void markAll()}
            >
              {t('messages.markAllRead')}
            </Button>,
          ],
        }}
      />
    </PageContainer>
  );
}
