import { PlusOutlined } from '@ant-design/icons';
import {
  ModalForm,
  PageContainer,
  type ProColumns,
  ProForm,
  ProFormSelect,
  ProFormText,
  ProTable,
} from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api.ts';
import { testId } from '../../../shared/test-id.ts';
import type { Org } from '../../../shared/types.ts';
import { RegionTreeSelect } from '../../components/region-tree-select.tsx';
import { useOrgs } from '../../hooks/use-admin-lists.ts';
import { useApiErrorHandler } from '../../hooks/use-api-error.ts';
import { useDictionary } from '../../hooks/use-dictionary.ts';

interface CreateOrgValues {
  name: string;
  kind: string;
  regionCode: string;
  parentId?: string;
}

export function OrgsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateOrgValues>();
  const orgs = useOrgs();
  const kinds = useDictionary('org_kind');
  const byId = new Map((orgs.data ?? []).map((o) => [o.id, o]));

  const columns: ProColumns<Org>[] = [
    { title: t('orgs.name'), dataIndex: 'name', ellipsis: true },
    {
      title: t('orgs.kind'),
      dataIndex: 'kind',
      width: 140,
      render: (_, o) => <Tag color="cyan">{kinds.label(o.kind)}</Tag>,
    },
    {
      title: t('orgs.region'),
      dataIndex: 'regionName',
      width: 220,
      render: (_, o) => <Tooltip title={o.regionCode}>{o.regionName}</Tooltip>,
    },
    {
      title: t('orgs.parent'),
      dataIndex: 'parentId',
      ellipsis: true,
      render: (_, o) => (o.parentId ? (byId.get(o.parentId)?.name ?? o.parentId) : '—'),
    },
  ];

  return (
    <PageContainer title={t('orgs.title')}>
      <ProTable<Org>
        rowKey="id"
        columns={columns}
        dataSource={orgs.data ?? []}
        loading={orgs.isFetching}
        search={false}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        options={{ reload: () => void orgs.refetch(), density: false, setting: false }}
        toolBarRender={() => [
          <ModalForm<CreateOrgValues>
            key="create"
            title={t('orgs.create')}
            form={form}
            width={520}
            modalProps={{ destroyOnHidden: true }}
            trigger={
              <Button type="primary" icon={<PlusOutlined />} data-testid="orgs-create">
                {t('orgs.create')}
              </Button>
            }
            onFinish={async (values) => {
              try {
                await api.post<Org>('/orgs', values, { idempotent: true });
                void message.success(t('orgs.created'));
                await queryClient.invalidateQueries({ queryKey: ['orgs'] });
                return true;
              } catch (err) {
                onError(err, form);
                return false;
              }
            }}
          >
            <ProFormText
              name="name"
              label={t('orgs.name')}
              rules={[{ required: true, whitespace: true }]}
              fieldProps={{ ...testId('org-form-name') }}
            />
            <ProFormSelect name="kind" label={t('orgs.kind')} rules={[{ required: true }]} options={kinds.options} />
            <ProForm.Item name="regionCode" label={t('orgs.region')} rules={[{ required: true }]}>
              <RegionTreeSelect placeholder={t('orgs.region')} style={{ width: '100%' }} testId="org-form-region" />
            </ProForm.Item>
            <ProFormSelect
              name="parentId"
              label={t('orgs.parent')}
              showSearch
              allowClear
              options={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
              fieldProps={{ optionFilterProp: 'label' }}
            />
          </ModalForm>,
        ]}
      />
    </PageContainer>
  );
}
