import { DownOutlined, PlayCircleOutlined, SyncOutlined } from '@ant-design/icons';
import { type ActionType, PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { App, Button, Dropdown, Progress, type ProgressProps, Tag, Typography } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api.ts';
import { dash, formatDateTime } from '../../../shared/format.ts';
import type { Job } from '../../../shared/types.ts';
import { fetchTablePage } from '../../hooks/table-request.ts';
import { useApiErrorHandler } from '../../hooks/use-api-error.ts';

export const RUNNABLE_JOBS = ['audit.verify', 'events.dispatch'] as const;

const STATUS_COLORS: Record<string, string> = {
  queued: 'default',
  created: 'default',
  running: 'processing',
  active: 'processing',
  succeeded: 'success',
  completed: 'success',
  failed: 'error',
  cancelled: 'warning',
};

function progressStatus(status: string): ProgressProps['status'] {
  if (status === 'failed') return 'exception';
  if (status === 'succeeded' || status === 'completed') return 'success';
  if (status === 'running' || status === 'active') return 'active';
  return 'normal';
}

export function jobPercent(job: Pick<Job, 'progress' | 'total' | 'status'>): number {
  if (job.total && job.total > 0) return Math.min(100, Math.round(((job.progress ?? 0) / job.total) * 100));
  return job.status === 'succeeded' || job.status === 'completed' ? 100 : 0;
}

export function JobsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const actionRef = useRef<ActionType>(null);

  const jobName = (name: string) => t(`jobs.names.${name}`, { defaultValue: name });

  const run = async (name: string) => {
    try {
      await api.post<Job>('/jobs/run', { name }, { idempotent: true });
      void message.success(t('jobs.started', { name: jobName(name) }));
      actionRef.current?.reload();
    } catch (err) {
      onError(err);
    }
  };

  const columns: ProColumns<Job>[] = [
    {
      title: t('jobs.name'),
      dataIndex: 'name',
      width: 200,
      render: (_, j) => (
        <div>
          <div>{jobName(j.name)}</div>
          <Typography.Text type="secondary" className="hm-mono" style={{ fontSize: 12 }}>
            {j.name}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('jobs.status'),
      dataIndex: 'status',
      width: 100,
      render: (_, j) => (
        <Tag color={STATUS_COLORS[j.status] ?? 'default'} data-testid="job-status" data-status={j.status}>
          {t(`jobs.statuses.${j.status}`, { defaultValue: j.status })}
        </Tag>
      ),
    },
    {
      title: t('jobs.progress'),
      dataIndex: 'progress',
      width: 220,
      render: (_, j) => (
        <Progress
          percent={jobPercent(j)}
          size="small"
          status={progressStatus(j.status)}
          format={(percent) => (j.total ? `${j.progress ?? 0}/${j.total}` : `${percent ?? 0}%`)}
        />
      ),
    },
    { title: t('jobs.message'), dataIndex: 'message', ellipsis: true, render: (_, j) => dash(j.message) },
    {
      title: t('jobs.error'),
      dataIndex: 'error',
      ellipsis: true,
      render: (_, j) => (j.error ? <Typography.Text type="danger">{j.error}</Typography.Text> : '—'),
    },
    { title: t('jobs.createdAt'), dataIndex: 'createdAt', width: 165, render: (_, j) => formatDateTime(j.createdAt) },
    { title: t('jobs.startedAt'), dataIndex: 'startedAt', width: 165, render: (_, j) => formatDateTime(j.startedAt) },
    {
      title: t('jobs.finishedAt'),
      dataIndex: 'finishedAt',
      width: 165,
      render: (_, j) => formatDateTime(j.finishedAt),
    },
  ];

  return (
    <PageContainer title={t('jobs.title')}>
      <ProTable<Job>
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        search={false}
        polling={3000}
        scroll={{ x: 1200 }}
        request={(params) => fetchTablePage<Job>('/jobs', params, {})}
        pagination={{ defaultPageSize: 20 }}
        headerTitle={
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            <SyncOutlined spin /> {t('jobs.autoRefresh')}
          </Typography.Text>
        }
        toolBarRender={() => [
          <Dropdown
            key="run"
            trigger={['click']}
            menu={{
              items: RUNNABLE_JOBS.map((name) => ({
                key: name,
                label: <span data-testid={`jobs-run-${name}`}>{jobName(name)}</span>,
                icon: <PlayCircleOutlined />,
              })),
              onClick: ({ key }) => void run(key),
            }}
          >
            <Button type="primary" data-testid="jobs-run">
              {t('jobs.run')} <DownOutlined />
            </Button>
          </Dropdown>,
        ]}
      />
    </PageContainer>
  );
}
