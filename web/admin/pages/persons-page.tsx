import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { type ActionType, PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { App, Button, Tag, Tooltip } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { apiUrl, type Query } from '../../shared/api.ts';
import { testId } from '../../shared/test-id.ts';
import type { PersonItem } from '../../shared/types.ts';
import { hasPermission, useCurrentUser } from '../auth.tsx';
import { RegionTreeSelect } from '../components/region-tree-select.tsx';
import { fetchTablePage, textParam } from '../hooks/table-request.ts';
import { useDictionary } from '../hooks/use-dictionary.ts';
import { PersonImportDialog } from './person-import-dialog.tsx';

interface PersonFilters {
  q?: string;
  idNumber?: string;
  regionCode?: string;
}

/** Disability category label plus level, e.g. 肢体 二级. */
export function DisabilityCell({ category, level }: { category: string | null; level: string | number | null }) {
  const dict = useDictionary('disability_category');
  if (!category) return <>—</>;
  return (
    <Tag color="purple" bordered={false}>
      {dict.label(category)}
      {level !== null && level !== undefined && level !== '' ? ` · ${level}` : ''}
    </Tag>
  );
}

export function PersonsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const sex = useDictionary('sex');
  const actionRef = useRef<ActionType>(null);
  const lastFilters = useRef<Query>({});
  const me = useCurrentUser();
  const [importing, setImporting] = useState(false);
  const reloadTable = useCallback(() => actionRef.current?.reload(), []);

  const exportExcel = () => {
    const { q, regionCode } = lastFilters.current;
    const link = document.createElement('a');
    link.href = apiUrl('/persons/export.xlsx', { q, regionCode });
    link.download = '';
    link.rel = 'noopener';
    document.body.appendChild(link);
    link.click();
    link.remove();
    void message.info(t('persons.exportStarted'));
  };

  const columns: ProColumns<PersonItem>[] = [
    // ---- query form only ----
    {
      title: t('persons.name'),
      dataIndex: 'q',
      hideInTable: true,
      fieldProps: { placeholder: t('persons.namePlaceholder'), allowClear: true, ...testId('persons-search-name') },
    },
    {
      title: t('persons.idNumber'),
      dataIndex: 'idNumber',
      hideInTable: true,
      fieldProps: {
        placeholder: t('persons.idNumberPlaceholder'),
        allowClear: true,
        maxLength: 18,
        ...testId('persons-search-id-number'),
      },
    },
    {
      title: t('persons.region'),
      dataIndex: 'regionCode',
      hideInTable: true,
      renderFormItem: () => <RegionTreeSelect placeholder={t('persons.region')} testId="persons-search-region" />,
    },
    // ---- table only ----
    {
      title: t('persons.name'),
      dataIndex: 'name',
      search: false,
      width: 110,
      fixed: 'left',
      render: (_, p) => (
        <Link to={`/persons/${p.id}`} onClick={(e) => e.stopPropagation()} data-testid="person-link">
          {p.name}
        </Link>
      ),
    },
    { title: t('persons.sex'), dataIndex: 'sex', search: false, width: 70, render: (_, p) => sex.label(p.sex) },
    { title: t('persons.age'), dataIndex: 'age', search: false, width: 70, align: 'right' },
    {
      title: t('persons.idNumber'),
      dataIndex: 'idNumberMasked',
      search: false,
      width: 190,
      render: (_, p) => <span className="hm-mono">{p.idNumberMasked}</span>,
    },
    {
      title: t('persons.phone'),
      dataIndex: 'phoneMasked',
      search: false,
      width: 130,
      render: (_, p) => <span className="hm-mono">{p.phoneMasked ?? '—'}</span>,
    },
    {
      title: t('persons.region'),
      dataIndex: 'regionName',
      search: false,
      ellipsis: true,
      render: (_, p) => <Tooltip title={p.regionCode}>{p.regionName}</Tooltip>,
    },
    {
      title: t('persons.householdNo'),
      dataIndex: 'householdNo',
      search: false,
      width: 160,
      render: (_, p) =>
        p.householdId ? (
          <Link
            to={`/households/${p.householdId}`}
            className="hm-mono"
            data-testid="household-link"
            onClick={(e) => e.stopPropagation()}
          >
            {p.householdNo ?? p.householdId}
          </Link>
        ) : (
          '—'
        ),
    },
    {
      title: t('persons.disability'),
      dataIndex: 'disabilityCategory',
      search: false,
      width: 140,
      render: (_, p) => <DisabilityCell category={p.disabilityCategory} level={p.disabilityLevel} />,
    },
  ];

  return (
    <PageContainer title={t('persons.title')}>
      <ProTable<PersonItem, PersonFilters>
        rowKey="id"
        className="hm-clickable-rows"
        data-testid="persons-table"
        actionRef={actionRef}
        columns={columns}
        scroll={{ x: 1100 }}
        search={{ labelWidth: 'auto', defaultCollapsed: false, span: { xs: 24, sm: 12, md: 8, lg: 8, xl: 6, xxl: 6 } }}
        request={(params) => {
          const filters: Query = {
            q: textParam(params.q),
            idNumber: textParam(params.idNumber),
            regionCode: textParam(params.regionCode),
          };
          lastFilters.current = filters;
          return fetchTablePage<PersonItem>('/persons', params, filters);
        }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showQuickJumper: true }}
        options={{ density: true, setting: true, reload: true }}
        onRow={(p) => ({ onClick: () => navigate(`/persons/${p.id}`) })}
        toolBarRender={() => [
          ...(hasPermission(me, 'registry:write')
            ? [
                <Button
                  key="import"
                  data-testid="persons-import"
                  icon={<UploadOutlined />}
                  onClick={() => setImporting(true)}
                >
                  {t('excel.import')}
                </Button>,
              ]
            : []),
          <Button key="export" data-testid="persons-export" icon={<DownloadOutlined />} onClick={exportExcel}>
            {t('persons.export')}
          </Button>,
        ]}
      />
      <PersonImportDialog open={importing} onClose={() => setImporting(false)} onImported={reloadTable} />
    </PageContainer>
  );
}
