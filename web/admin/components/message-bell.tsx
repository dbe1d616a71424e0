import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, List, Popover, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../shared/api.ts';
import { formatDateTime } from '../../shared/format.ts';
import type { InboxPage, MessageItem } from '../../shared/types.ts';
import { useLanguage } from '../../shared/use-language.ts';
import { useApiErrorHandler } from '../hooks/use-api-error.ts';

/** Query keys of the inbox; pages that change messages invalidate ['messages'] so the bell follows. */
export const MESSAGES_QUERY_KEY = ['messages'] as const;
const POLL_MS = 30_000;
const PREVIEW = 5;

export function messageTitle(m: MessageItem, english: boolean): string {
  return english ? m.titleEn : m.titleZh;
}

export function messageBody(m: MessageItem, english: boolean): string | null {
  return english ? m.bodyEn : m.bodyZh;
}

/** Marks a message read (safe to repeat) and opens its case, if it has one. */
export function useOpenMessage(): (m: MessageItem) => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const onError = useApiErrorHandler();
  return async (m) => {
    try {
      if (!m.readAt) await api.post<MessageItem>(`/messages/${m.id}/read`, undefined, { idempotent: true });
      void queryClient.invalidateQueries({ queryKey: MESSAGES_QUERY_KEY });
      if (m.caseId) navigate(`/cases/${m.caseId}`);
    } catch (err) {
      onError(err);
    }
  };
}

/** Header bell: unread count (polled), the latest unread messages on click, links to the inbox. */
export function MessageBell() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const onError = useApiErrorHandler();
  const openMessage = useOpenMessage();
  const [open, setOpen] = useState(false);
  const unread = useQuery({
    queryKey: [...MESSAGES_QUERY_KEY, 'unread-count'],
    queryFn: ({ signal }) => api.get<{ unread: number }>('/messages/unread-count', undefined, { signal }),
    refetchInterval: POLL_MS,
  });
  const latest = useQuery({
    queryKey: [...MESSAGES_QUERY_KEY, 'latest-unread'],
    queryFn: ({ signal }) =>
      api.get<InboxPage<MessageItem>>('/messages', { unreadOnly: true, page: 1, pageSize: PREVIEW }, { signal }),
    enabled: open,
  });
  const count = unread.data?.unread ?? 0;

  const markAll = async () => {
    try {
      await api.post('/messages/read-all', undefined, { idempotent: true });
      void queryClient.invalidateQueries({ queryKey: MESSAGES_QUERY_KEY });
    } catch (err) {
      onError(err);
    }
  };

  const content = (
    <div style={{ width: 360 }} data-testid="message-bell-panel">
      {latest.data && latest.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('messages.empty')} />
      ) : (
        <List<MessageItem>
          size="small"
          loading={latest.isLoading}
          dataSource={latest.data?.items ?? []}
          renderItem={(m) => (
            <List.Item
              data-testid="message-bell-item"
              style={{ cursor: 'pointer', paddingInline: 4 }}
              onClick={() => {
                setOpen(false);
                void openMessage(m);
              }}
            >
              <List.Item.Meta
                title={<Typography.Text ellipsis>{messageTitle(m, english)}</Typography.Text>}
                description={
                  <Space direction="vertical" size={0}>
                    <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: 330 }}>
                      {messageBody(m, english)}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(m.createdAt)}
                    </Typography.Text>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 8 }}>
        <Button size="small" type="link" disabled={count === 0} onClick={() => void markAll()}>
          {t('messages.markAllRead')}
        </Button>
        <Button
          size="small"
          type="link"
          data-testid="message-bell-all"
          onClick={() => {
            setOpen(false);
            navigate('/messages');
          }}
        >
          {t('messages.viewAll')}
        </Button>
      </Space>
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('messages.title')}
      content={content}
      open={open}
      onOpenChange={setOpen}
    >
      <Button
        type="text"
        size="small"
        aria-label={t('messages.title')}
        data-testid="message-bell"
        data-count={count}
        style={{ color: 'inherit' }}
      >
        <Badge count={count} size="small" overflowCount={99} offset={[4, -2]}>
          <BellOutlined style={{ color: 'rgba(255,255,255,0.88)', fontSize: 16 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
