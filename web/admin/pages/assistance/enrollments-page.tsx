import { DownloadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, apiUrl, errorText } from '../../../shared/api.ts';
import { formatFen } from '../../../shared/format.ts';
import { useLanguage } from '../../../shared/use-language.ts';
import { RegionTreeSelect } from '../../components/region-tree-select.tsx';

export const ENROLLMENT_STATUSES = ['active', 'suspended', 'gradual_exit', 'exited'] as const;
export const ENROLLED_PROGRAMMES = [
  'minimumLivingAllowance',
  'extremePovertySupport',
  'singlePersonAllowance',
  'lowIncomeMarginal',
  'rigidExpenditureHardship',
  'temporaryAssistanceExpenditure',
  'temporaryAssistanceEmergency',
] as const;

export const STATUS_COLOURS: Record<string, string> = {
  active: 'green',
  suspended: 'orange',
  gradual_exit: 'gold',
  exited: 'default',
};

/** GET /assistance/enrollments item (names and ID numbers masked by the server). */
export interface EnrollmentItem {
  id: string;
  caseId: string | null;
  householdId: string;
  personId: string | null;
  regionCode: string;
  regionName: string;
  area: string;
  programme: string;
  status: string;
  members: number;
  perCapitaIncomeFen: number;
  amountFen: number;
  startMonth: string;
  endMonth: string | null;
  exitReason: string | null;
  reviewIntervalMonths: number;
  nextReviewOn: string | null;
  payeeName: string;
  payeeIdMasked: string;
  version: number;
}

/** 保障对象: enrolled households and persons in the user's jurisdiction, filtered by status and programme. */
export function EnrollmentsPage() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const [status, setStatus] = useState<string | undefined>();
  const [programme, setProgramme] = useState<string | undefined>();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const filters = { status, programme, regionCode };
  const query = useQuery({
    queryKey: ['enrollments', filters, page, pageSize],
    queryFn: () =>
      api.get<{ total: number; items: EnrollmentItem[] }>('/assistance/enrollments', { ...filters, page, pageSize }),
  });

  const columns: TableColumnsType<EnrollmentItem> = [
    {
      title: t('enrollment.name'),
      dataIndex: 'payeeName',
      render: (v, r) => <Link to={`/assistance/enrollments/${r.id}`}>{v || '—'}</Link>,
    },
    { title: t('enrollment.idNumber'), dataIndex: 'payeeIdMasked' },
    { title: t('enrollment.region'), dataIndex: 'regionName' },
    { title: t('enrollment.programme'), dataIndex: 'programme', render: (v: string) => t(`payroll.programmes.${v}`) },
    {
      title: t('enrollment.status'),
      dataIndex: 'status',
      render: (v: string) => <Tag color={STATUS_COLOURS[v]}>{t(`enrollment.statuses.${v}`)}</Tag>,
    },
    { title: t('enrollment.members'), dataIndex: 'members', align: 'right' },
    { title: t('enrollment.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => formatFen(v) },
    { title: t('enrollment.startMonth'), dataIndex: 'startMonth' },
    { title: t('enrollment.endMonth'), dataIndex: 'endMonth', render: (v: string | null) => v ?? '—' },
    { title: t('enrollment.nextReview'), dataIndex: 'nextReviewOn', render: (v: string | null) => v ?? '—' },
  ];

  return (
    <PageContainer title={t('enrollment.title')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <RegionTreeSelect
          value={regionCode}
          onChange={(v) => {
            setRegionCode(v);
            setPage(1);
          }}
          placeholder={t('enrollment.region')}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          placeholder={t('enrollment.allStatuses')}
          style={{ width: 160 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={ENROLLMENT_STATUSES.map((s) => ({ value: s, label: t(`enrollment.statuses.${s}`) }))}
          data-testid="enrollment-status-filter"
        />
        <Select
          allowClear
          placeholder={t('enrollment.allProgrammes')}
          style={{ width: 220 }}
          value={programme}
          onChange={(v) => {
            setProgramme(v);
            setPage(1);
          }}
          options={ENROLLED_PROGRAMMES.map((p) => ({ value: p, label: t(`payroll.programmes.${p}`) }))}
        />
        <Button
          icon={<DownloadOutlined />}
          href={apiUrl('/assistance/enrollments/export.xlsx', filters)}
          data-testid="enrollments-export"
        >
          {t('enrollment.export')}
        </Button>
      </Space>
      {query.error && (
        <Alert type="error" showIcon message={errorText(query.error, english)} style={{ marginBottom: 16 }} />
      )}
      <Table
        rowKey="id"
        size="small"
        loading={query.isLoading}
        columns={columns}
        dataSource={query.data?.items ?? []}
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: true,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        data-testid="enrollments-table"
      />
    </PageContainer>
  );
}
