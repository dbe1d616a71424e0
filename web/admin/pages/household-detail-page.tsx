import { PageContainer, ProDescriptions } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Card, Result, Skeleton, Table, type TableColumnsType, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, errorText } from '../../shared/api.ts';
import { formatDate } from '../../shared/format.ts';
import type { HouseholdDetail, HouseholdMember } from '../../shared/types.ts';
import { useLanguage } from '../../shared/use-language.ts';
import { RequestAddressChange } from '../components/request-address-change.tsx';
import { useDictionary } from '../hooks/use-dictionary.ts';

export function HouseholdDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { english } = useLanguage();
  const navigate = useNavigate();
  const sex = useDictionary('sex');
  const relation = useDictionary('relation');

  const query = useQuery({
    queryKey: ['household', id],
    queryFn: ({ signal }) => api.get<HouseholdDetail>(`/households/${encodeURIComponent(id)}`, undefined, { signal }),
  });
  const household = query.data;

  const relationText = (m: HouseholdMember) => m.relationName || relation.label(m.relationCode);

  const memberColumns: TableColumnsType<HouseholdMember> = [
    {
      title: t('households.name'),
      dataIndex: 'name',
      render: (_, m) => (
        <Link to={`/persons/${m.personId}`} data-testid="member-link">
          {m.name}
        </Link>
      ),
    },
    { title: t('households.relation'), dataIndex: 'relationName', render: (_, m) => relationText(m) },
    { title: t('households.sex'), dataIndex: 'sex', width: 70, render: (_, m) => sex.label(m.sex) },
    { title: t('households.age'), dataIndex: 'age', width: 70, align: 'right' },
    {
      title: t('households.idNumber'),
      dataIndex: 'idNumberMasked',
      render: (_, m) => <span className="hm-mono">{m.idNumberMasked}</span>,
    },
    { title: t('households.validFrom'), dataIndex: 'validFrom', render: (_, m) => formatDate(m.validFrom) },
  ];

  const historyColumns: TableColumnsType<HouseholdMember> = [
    ...memberColumns,
    { title: t('households.validTo'), dataIndex: 'validTo', render: (_, m) => formatDate(m.validTo) },
    {
      title: t('households.status'),
      key: 'status',
      width: 90,
      render: (_, m) =>
        m.validTo ? <Tag>{t('households.ended')}</Tag> : <Tag color="green">{t('households.current')}</Tag>,
    },
  ];

  if (query.isError) {
    return (
      <PageContainer onBack={() => navigate(-1)} title={t('households.detailTitle')}>
        <Result status="warning" title={t('common.loadFailed')} subTitle={errorText(query.error, english)} />
      </PageContainer>
    );
  }
  if (!household) {
    return (
      <PageContainer title={t('households.detailTitle')}>
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </PageContainer>
    );
  }

  return (
    <PageContainer
      onBack={() => navigate(-1)}
      title={<span className="hm-mono">{household.householdNo}</span>}
      subTitle={t('households.detailTitle')}
      extra={<RequestAddressChange household={household} />}
    >
      <Card style={{ marginBottom: 16 }}>
        <ProDescriptions<HouseholdDetail>
          dataSource={household}
          column={{ xs: 1, md: 2, xl: 3 }}
          columns={[
            { title: t('households.householdNo'), dataIndex: 'householdNo', copyable: true },
            { title: t('households.headName'), dataIndex: 'headName' },
            { title: t('households.memberCount'), dataIndex: 'memberCount' },
            { title: t('households.address'), dataIndex: 'address', span: 2 },
            { title: t('households.region'), dataIndex: 'regionName' },
          ]}
        />
      </Card>
      <Card title={t('households.members')} size="small" style={{ marginBottom: 16 }}>
        <Table<HouseholdMember>
          data-testid="household-members"
          rowKey={(m) => `${m.personId}-${m.validFrom}`}
          size="small"
          pagination={false}
          columns={memberColumns}
          dataSource={household.members}
        />
      </Card>
      <Card title={t('households.history')} size="small">
        <Table<HouseholdMember>
          data-testid="household-history"
          rowKey={(m) => `${m.personId}-${m.validFrom}-${m.validTo ?? ''}`}
          size="small"
          pagination={false}
          columns={historyColumns}
          dataSource={[...household.history].sort((a, b) => a.validFrom.localeCompare(b.validFrom))}
        />
      </Card>
    </PageContainer>
  );
}
