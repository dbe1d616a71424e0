import { PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { testId } from '../../shared/test-id.ts';
import type { HouseholdItem } from '../../shared/types.ts';
import { RegionTreeSelect } from '../components/region-tree-select.tsx';
import { fetchTablePage, textParam } from '../hooks/table-request.ts';

interface HouseholdFilters {
  q?: string;
  regionCode?: string;
}

export function HouseholdsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();

  const columns: ProColumns<HouseholdItem>[] = [
    {
      title: t('households.q'),
      dataIndex: 'q',
      hideInTable: true,
      fieldProps: { placeholder: t('households.q'), allowClear: true, ...testId('households-search-q') },
    },
    {
      title: t('households.region'),
      dataIndex: 'regionCode',
      hideInTable: true,
      renderFormItem: () => <RegionTreeSelect placeholder={t('households.region')} testId="households-search-region" />,
    },
    {
      title: t('households.householdNo'),
      dataIndex: 'householdNo',
      search: false,
      width: 180,
      render: (_, h) => (
        <Link
          to={`/households/${h.id}`}
          className="hm-mono"
          data-testid="household-link"
          onClick={(e) => e.stopPropagation()}
        >
          {h.householdNo}
        </Link>
      ),
    },
    { title: t('households.headName'), dataIndex: 'headName', search: false, width: 120 },
    { title: t('households.address'), dataIndex: 'address', search: false, ellipsis: true },
    {
      title: t('households.region'),
      dataIndex: 'regionName',
      search: false,
      width: 200,
      ellipsis: true,
      render: (_, h) => <Tooltip title={h.regionCode}>{h.regionName}</Tooltip>,
    },
    { title: t('households.memberCount'), dataIndex: 'memberCount', search: false, width: 90, align: 'right' },
  ];

  return (
    <PageContainer title={t('households.title')}>
      <ProTable<HouseholdItem, HouseholdFilters>
        rowKey="id"
        className="hm-clickable-rows"
        columns={columns}
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        request={(params) =>
          fetchTablePage<HouseholdItem>('/households', params, {
            q: textParam(params.q),
            regionCode: textParam(params.regionCode),
          })
        }
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showQuickJumper: true }}
        options={{ density: true, setting: true, reload: true }}
        onRow={(h) => ({ onClick: () => navigate(`/households/${h.id}`) })}
      />
    </PageContainer>
  );
}
