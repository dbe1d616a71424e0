import { NotificationOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Empty, List, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api.ts';
import { formatDate } from '../../shared/format.ts';
import type { InboxPage, NoticeItem } from '../../shared/types.ts';
import { NOTICES_QUERY_KEY, NoticeReader } from './notice-reader.tsx';

const SHOWN = 5;

/** Workbench card: the latest notices addressed to the user, unread ones marked; opening one reads it. */
export function WorkbenchNotices() {
  const { t } = useTranslation();
  const [reading, setReading] = useState<NoticeItem | null>(null);
  const notices = useQuery({
    queryKey: [...NOTICES_QUERY_KEY, 'workbench'],
    queryFn: ({ signal }) => api.get<InboxPage<NoticeItem>>('/notices', { page: 1, pageSize: SHOWN }, { signal }),
    refetchInterval: 120_000,
  });
  const data = notices.data;

  return (
    <Card
      size="small"
      data-testid="workbench-notices"
      style={{ marginBottom: 16 }}
      title={
        <span>
          <NotificationOutlined style={{ color: '#1677ff', marginRight: 6 }} />
          {t('notices.title')} <Badge count={data?.unread ?? 0} size="small" style={{ marginLeft: 4 }} />
        </span>
      }
      extra={<Link to="/notices">{t('notices.more')}</Link>}
    >
      {data && data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notices.empty')} style={{ margin: 8 }} />
      ) : (
        <List<NoticeItem>
          size="small"
          loading={notices.isLoading}
          dataSource={data?.items ?? []}
          renderItem={(n) => (
            <List.Item
              style={{ cursor: 'pointer' }}
              data-testid="workbench-notice"
              onClick={() => setReading(n)}
              extra={<Typography.Text type="secondary">{formatDate(n.publishOn)}</Typography.Text>}
            >
              <span>
                <Badge status={n.readAt ? 'default' : 'processing'} style={{ marginRight: 6 }} />
                <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                  {n.publishedByName}
                </Typography.Text>
              </span>
            </List.Item>
          )}
        />
      )}
      <NoticeReader notice={reading} markRead onClose={() => setReading(null)} />
    </Card>
  );
}
