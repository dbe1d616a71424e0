import { AlertOutlined, ClockCircleOutlined, FileDoneOutlined, InboxOutlined } from '@ant-design/icons';
import { type ActionType, PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Row, Space, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../shared/api.ts';
import { formatDate } from '../../shared/format.ts';
import type { CaseDetail, Page, TaskItem, TaskScope } from '../../shared/types.ts';
import { useCurrentUser } from '../auth.tsx';
import { WorkbenchNotices } from '../components/workbench-notices.tsx';
import { fetchTablePage } from '../hooks/table-request.ts';
import { useApiErrorHandler } from '../hooks/use-api-error.ts';
import { AssistanceWorkbenchCard, showsAssistanceCard } from './assistance/statistics-workbench-card.tsx';

const StateChart = lazy(() => import('../components/state-chart.tsx').then((m) => ({ default: m.StateChart })));

const STATS_SAMPLE = 100;

interface TaskStats {
  mine: number;
  overdue: number;
  dueSoon: number;
  claimable: number;
  capped: boolean;
  byState: { name: string; value: number }[];
}

async function fetchStats(): Promise<TaskStats> {
  const [mine, claimable] = await Promise.all([
    api.get<Page<TaskItem>>('/tasks', { scope: 'mine', page: 1, pageSize: STATS_SAMPLE }),
    api.get<Page<TaskItem>>('/tasks', { scope: 'claimable', page: 1, pageSize: 1 }),
  ]);
  const soon = dayjs().add(3, 'day').endOf('day');
  const byState = new Map<string, number>();
  for (const task of mine.items) byState.set(task.stateName, (byState.get(task.stateName) ?? 0) + 1);
  return {
    mine: mine.total,
    overdue: mine.items.filter((task) => task.overdue).length,
    dueSoon: mine.items.filter((task) => !task.overdue && task.dueOn && !dayjs(task.dueOn).isAfter(soon)).length,
    claimable: claimable.total,
    capped: mine.total > mine.items.length,
    byState: [...byState.entries()].map(([name, value]) => ({ name, value })),
  };
}

/** Due date cell: red with a 超期 tag when the case (or its current step) is overdue. */
export function DueCell({ task }: { task: Pick<TaskItem, 'dueOn' | 'overdue'> }) {
  const { t } = useTranslation();
  if (!task.dueOn) return <>—</>;
  if (!task.overdue) return <>{formatDate(task.dueOn)}</>;
  return (
    <Space size={4}>
      <span className="hm-overdue" data-testid="due-overdue">
        {formatDate(task.dueOn)}
      </span>
      <Tag color="red" bordered={false}>
        {t('common.overdue')}
      </Tag>
    </Space>
  );
}

export function WorkbenchPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const actionRef = useRef<ActionType>(null);
  const [scope, setScope] = useState<TaskScope>('mine');
  const [claiming, setClaiming] = useState<string | null>(null);
  const stats = useQuery({ queryKey: ['tasks', 'stats'], queryFn: fetchStats, refetchInterval: 60_000 });

  const claim = async (task: TaskItem) => {
    setClaiming(task.id);
    try {
      const current = await api.get<CaseDetail>(`/cases/${task.id}`);
      await api.post<CaseDetail>(`/cases/${task.id}/claim`, { version: current.version });
      void message.success(t('workbench.claimed'));
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      actionRef.current?.reload();
    } catch (err) {
      onError(err);
      actionRef.current?.reload();
    } finally {
      setClaiming(null);
    }
  };

  const columns: ProColumns<TaskItem>[] = [
    {
      title: t('workbench.caseNo'),
      dataIndex: 'caseNo',
      width: 170,
      render: (_, task) => (
        <Link to={`/cases/${task.id}`} className="hm-mono" onClick={(e) => e.stopPropagation()}>
          {task.caseNo}
        </Link>
      ),
    },
    { title: t('workbench.caseTitle'), dataIndex: 'title', width: 220, ellipsis: true },
    { title: t('workbench.workflow'), dataIndex: 'workflowName', width: 160, ellipsis: true },
    {
      title: t('workbench.state'),
      dataIndex: 'stateName',
      width: 120,
      render: (_, task) => <Tag color="blue">{task.stateName}</Tag>,
    },
    { title: t('workbench.region'), dataIndex: 'regionName', width: 140, ellipsis: true },
    ...(scope === 'mine'
      ? []
      : [{ title: t('workbench.assignee'), dataIndex: 'assigneeName', width: 100 } satisfies ProColumns<TaskItem>]),
    {
      title: t('workbench.receivedOn'),
      dataIndex: 'receivedOn',
      width: 120,
      render: (_, task) => formatDate(task.receivedOn),
    },
    {
      title: t('workbench.dueOn'),
      dataIndex: 'dueOn',
      width: 160,
      render: (_, task) => <DueCell task={task} />,
    },
    ...(scope === 'claimable'
      ? [
          {
            title: t('common.actions'),
            valueType: 'option',
            width: 90,
            render: (_, task) => [
              <Button
                key="claim"
                type="link"
                size="small"
                data-testid="task-claim"
                loading={claiming === task.id}
                onClick={(e) => {
                  e.stopPropagation();
                  void claim(task);
                }}
              >
                {t('workbench.claim')}
              </Button>,
            ],
          } satisfies ProColumns<TaskItem>,
        ]
      : []),
  ];

  const s = stats.data;
  const cards = [
    { key: 'mine', title: t('workbench.myTasks'), value: s?.mine, icon: <InboxOutlined />, color: '#1677ff' },
    {
      key: 'overdue',
      title: t('workbench.overdue'),
      value: s?.overdue,
      icon: <AlertOutlined />,
      color: '#cf1322',
      suffix: s?.capped ? <Typography.Text type="secondary">*</Typography.Text> : undefined,
    },
    {
      key: 'due-soon',
      title: t('workbench.dueSoon'),
      value: s?.dueSoon,
      icon: <ClockCircleOutlined />,
      color: '#d48806',
    },
    {
      key: 'claimable',
      title: t('workbench.claimable'),
      value: s?.claimable,
      icon: <FileDoneOutlined />,
      color: '#389e0d',
    },
  ];

  return (
    <PageContainer
      title={t('workbench.welcome', { name: me.displayName })}
      subTitle={`${me.orgName} · ${me.regionScopeName}`}
    >
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={14}>
          <Row gutter={[16, 16]}>
            {cards.map((card) => (
              <Col key={card.key} xs={12} md={6} xl={12}>
                <Card size="small" data-testid={`stat-${card.key}`} styles={{ body: { padding: '16px 20px' } }}>
                  <Statistic
                    title={
                      <Space size={6}>
                        <span style={{ color: card.color }}>{card.icon}</span>
                        {card.title}
                      </Space>
                    }
                    value={card.value ?? '-'}
                    loading={stats.isLoading}
                    valueStyle={{ color: card.color, fontWeight: 600 }}
                    suffix={card.suffix}
                  />
                </Card>
              </Col>
            ))}
          </Row>
          {s?.capped && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              * {t('workbench.statsCapped', { n: STATS_SAMPLE })}
            </Typography.Text>
          )}
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('workbench.byState')} style={{ height: '100%' }}>
            {s && s.byState.length > 0 ? (
              <Suspense fallback={<div style={{ height: 180 }} />}>
                <StateChart data={s.byState} />
              </Suspense>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.noTasks')} />
            )}
          </Card>
        </Col>
      </Row>
      {showsAssistanceCard(me) && <AssistanceWorkbenchCard />}
      <WorkbenchNotices />
      <ProTable<TaskItem, { scope: TaskScope }>
        rowKey="id"
        className="hm-clickable-rows"
        actionRef={actionRef}
        columns={columns}
        params={{ scope }}
        search={false}
        request={(params) => fetchTablePage<TaskItem>('/tasks', params, { scope: params.scope })}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        scroll={{ x: 1300 }}
        options={{ density: false, setting: false, reload: true }}
        rowClassName={(task) => (task.overdue ? 'hm-row-overdue' : '')}
        onRow={(task) => ({ onClick: () => navigate(`/cases/${task.id}`) })}
        toolbar={{
          menu: {
            type: 'tab',
            activeKey: scope,
            items: [
              { key: 'mine', label: <span data-testid="tab-mine">{t('workbench.myTasks')}</span> },
              { key: 'claimable', label: <span data-testid="tab-claimable">{t('workbench.claimable')}</span> },
            ],
            onChange: (key) => setScope(key === 'claimable' ? 'claimable' : 'mine'),
          },
        }}
      />
    </PageContainer>
  );
}
