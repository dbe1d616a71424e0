import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { type ActionType, PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { Button, Tag, Tooltip } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { apiUrl } from '../../../shared/api.ts';
import type { ApplicationListItem } from '../../../shared/assistance-types.ts';
import { formatDate, formatFen } from '../../../shared/format.ts';
import { testId } from '../../../shared/test-id.ts';
import { hasPermission, useCurrentUser } from '../../auth.tsx';
import { fetchTablePage, textParam } from '../../hooks/table-request.ts';
import { DueCell } from '../workbench-page.tsx';

interface ApplicationFilters {
  state?: string;
  overdue?: string;
}

export const APPLICATION_STATES = [
  'submitted',
  'verifying',
  'township_review',
  'publicity',
  'district_approval',
  'approved',
  'refused',
  'not_accepted',
] as const;

const STATE_COLORS: Record<string, string> = {
  approved: 'green',
  refused: 'red',
  not_accepted: 'default',
  publicity: 'gold',
  district_approval: 'purple',
};

/** 社会救助 > 救助申请: applications in the user's scope, masked names, state, due date (overdue in red), export. */
export function AssistanceApplicationsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const actionRef = useRef<ActionType>(null);
  const filters = useRef<{ state?: string; overdue?: string }>({});
  const canCreate =
    hasPermission(me, 'case:act') && me.roles.some((r) => ['township_clerk', 'village_coordinator'].includes(r.code));

  const columns: ProColumns<ApplicationListItem>[] = [
    {
      title: t('assistance.list.state'),
      dataIndex: 'state',
      hideInTable: true,
      valueType: 'select',
      valueEnum: Object.fromEntries(APPLICATION_STATES.map((s) => [s, { text: t(`assistance.states.${s}`) }])),
      fieldProps: { ...testId('applications-filter-state') },
    },
    {
      title: t('assistance.list.overdueOnly'),
      dataIndex: 'overdue',
      hideInTable: true,
      valueType: 'select',
      valueEnum: { true: { text: t('common.yes') }, false: { text: t('common.no') } },
    },
    {
      title: t('assistance.list.caseNo'),
      dataIndex: 'caseNo',
      search: false,
      width: 180,
      render: (_, a) => (
        <Link
          to={`/assistance/applications/${a.caseId}`}
          className="hm-mono"
          data-testid="application-link"
          onClick={(e) => e.stopPropagation()}
        >
          {a.caseNo}
        </Link>
      ),
    },
    { title: t('assistance.list.applicant'), dataIndex: 'applicantName', search: false, width: 100 },
    {
      title: t('assistance.list.region'),
      dataIndex: 'regionName',
      search: false,
      width: 220,
      ellipsis: true,
      render: (_, a) => <Tooltip title={a.regionCode}>{a.regionName.split('/').slice(-2).join(' ')}</Tooltip>,
    },
    { title: t('assistance.list.members'), dataIndex: 'members', search: false, width: 70, align: 'right' },
    {
      title: t('assistance.list.channel'),
      dataIndex: 'channel',
      search: false,
      width: 90,
      render: (_, a) => t(`assistance.channels.${a.channel}`, { defaultValue: a.channel }),
    },
    {
      title: t('assistance.list.programme'),
      dataIndex: 'programme',
      search: false,
      width: 150,
      render: (_, a) => (a.programme ? t(`assistance.programmes.${a.programme}`, { defaultValue: a.programme }) : '—'),
    },
    {
      title: t('assistance.list.amount'),
      dataIndex: 'amountFen',
      search: false,
      width: 110,
      align: 'right',
      render: (_, a) => (a.amountFen === null ? '—' : formatFen(a.amountFen)),
    },
    {
      title: t('assistance.list.stateColumn'),
      dataIndex: 'stateName',
      search: false,
      width: 100,
      render: (_, a) => (
        <Tag color={STATE_COLORS[a.state] ?? 'blue'} data-testid="application-state">
          {t(`assistance.states.${a.state}`, { defaultValue: a.stateName })}
        </Tag>
      ),
    },
    {
      title: t('assistance.list.receivedOn'),
      dataIndex: 'receivedOn',
      search: false,
      width: 110,
      render: (_, a) => formatDate(a.receivedOn),
    },
    {
      title: t('assistance.list.due'),
      dataIndex: 'dueOn',
      search: false,
      width: 170,
      render: (_, a) => <DueCell task={{ dueOn: a.stepDueOn ?? a.dueOn, overdue: a.overdue }} />,
    },
  ];

  return (
    <PageContainer title={t('assistance.list.title')} subTitle={me.regionScopeName}>
      <ProTable<ApplicationListItem, ApplicationFilters>
        rowKey="caseId"
        actionRef={actionRef}
        className="hm-clickable-rows"
        columns={columns}
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        request={(params) => {
          const query = { state: textParam(params.state), overdue: textParam(params.overdue) };
          filters.current = query;
          return fetchTablePage<ApplicationListItem>('/assistance/applications', params, query);
        }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showQuickJumper: true }}
        options={{ density: true, setting: true, reload: true }}
        onRow={(a) => ({ onClick: () => navigate(`/assistance/applications/${a.caseId}`) })}
        toolBarRender={() => [
          <Button
            key="export"
            icon={<DownloadOutlined />}
            onClick={() => window.location.assign(apiUrl('/assistance/applications/export.xlsx', filters.current))}
            data-testid="applications-export"
          >
            {t('assistance.list.export')}
          </Button>,
          ...(canCreate
            ? [
                <Button
                  key="new"
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => navigate('/assistance/applications/new')}
                  data-testid="applications-new"
                >
                  {t('assistance.list.new')}
                </Button>,
              ]
            : []),
        ]}
      />
    </PageContainer>
  );
}
