import { PlusOutlined } from '@ant-design/icons';
import {
  type ActionType,
  ModalForm,
  type ProColumns,
  ProForm,
  ProFormDatePicker,
  ProFormDependency,
  ProFormRadio,
  ProFormSelect,
  ProFormText,
  ProFormTextArea,
  ProTable,
} from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Progress, Table, Tag } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api.ts';
import { formatDate, formatDateTime } from '../../shared/format.ts';
import { testId } from '../../shared/test-id.ts';
import type { ManagedNotice, NoticeItem, NoticeReceipts } from '../../shared/types.ts';
import { fetchTablePage } from '../hooks/table-request.ts';
import { useOrgs } from '../hooks/use-admin-lists.ts';
import { useApiErrorHandler } from '../hooks/use-api-error.ts';
import { NOTICES_QUERY_KEY, NoticeReader, NoticeStatusTag, noticeAudience } from './notice-reader.tsx';
import { RegionTreeSelect } from './region-tree-select.tsx';

interface PublishValues {
  title: string;
  body: string;
  audience: 'region' | 'org';
  targetRegion?: string;
  targetOrgId?: string;
  publishOn?: string;
  expireOn?: string;
}

function ReceiptsDrawer({ notice, onClose }: { notice: ManagedNotice | null; onClose: () => void }) {
  const { t } = useTranslation();
  const receipts = useQuery({
    queryKey: [...NOTICES_QUERY_KEY, 'receipts', notice?.id],
    queryFn: ({ signal }) => api.get<NoticeReceipts>(`/notices/${notice?.id}/receipts`, undefined, { signal }),
    enabled: notice !== null,
  });
  const data = receipts.data;
  return (
    <Drawer
      open={notice !== null}
      onClose={onClose}
      width={560}
      title={`${t('notices.receipts')} · ${notice?.title ?? ''}`}
    >
      {data && (
        <Progress
          percent={data.audience ? Math.round((data.read / data.audience) * 100) : 0}
          format={() => t('notices.readCount', { read: data.read, audience: data.audience })}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table
        rowKey="userId"
        size="small"
        data-testid="notice-receipts"
        loading={receipts.isLoading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('notices.reader'), dataIndex: 'displayName' },
          { title: t('notices.org'), dataIndex: 'orgName' },
          {
            title: t('notices.readAt'),
            dataIndex: 'readAt',
            render: (v: string | null) => (v ? formatDateTime(v) : <Tag bordered={false}>{t('notices.unread')}</Tag>),
          },
        ]}
      />
    </Drawer>
  );
}

/** 发布管理: notices within the publisher's jurisdiction, publish / withdraw, read receipts. */
export function NoticeManageTable() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const onError = useApiErrorHandler();
  const actionRef = useRef<ActionType>(null);
  const [form] = Form.useForm<PublishValues>();
  const orgs = useOrgs();
  const [reading, setReading] = useState<NoticeItem | null>(null);
  const [receiptsOf, setReceiptsOf] = useState<ManagedNotice | null>(null);

  const withdraw = async (n: ManagedNotice) => {
    try {
      await api.post<NoticeItem>(`/notices/${n.id}/withdraw`, undefined, { idempotent: true });
      void message.success(t('notices.withdrawn'));
      void queryClient.invalidateQueries({ queryKey: NOTICES_QUERY_KEY });
      actionRef.current?.reload();
    } catch (err) {
      onError(err);
    }
  };

  const confirmWithdraw = (n: ManagedNotice) =>
    modal.confirm({ title: t('notices.withdraw'), content: t('notices.withdrawConfirm'), onOk: () => withdraw(n) });

  const columns: ProColumns<ManagedNotice>[] = [
    {
      title: t('notices.titleLabel'),
      dataIndex: 'title',
      ellipsis: true,
      render: (_, n) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setReading(n)}>
          {n.title}
        </Button>
      ),
    },
    {
      title: t('notices.audience'),
      dataIndex: 'targetRegion',
      width: 200,
      ellipsis: true,
      render: (_, n) => noticeAudience(n),
    },
    { title: t('notices.publishOn'), dataIndex: 'publishOn', width: 110, render: (_, n) => formatDate(n.publishOn) },
    { title: t('notices.expireOn'), dataIndex: 'expireOn', width: 110, render: (_, n) => formatDate(n.expireOn) },
    {
      title: t('notices.status'),
      dataIndex: 'status',
      width: 90,
      render: (_, n) => <NoticeStatusTag status={n.status} />,
    },
    {
      title: t('notices.receipts'),
      dataIndex: 'readCount',
      width: 130,
      render: (_, n) => (
        <Button type="link" size="small" data-testid="notice-receipts-open" onClick={() => setReceiptsOf(n)}>
          {t('notices.readCount', { read: n.readCount, audience: n.audienceCount })}
        </Button>
      ),
    },
    { title: t('notices.publishedBy'), dataIndex: 'publishedByName', width: 150, ellipsis: true },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 80,
      render: (_, n) =>
        n.status === 'withdrawn'
          ? []
          : [
              <Button
                key="withdraw"
                type="link"
                size="small"
                danger
                data-testid="notice-withdraw"
                onClick={() => void confirmWithdraw(n)}
              >
                {t('notices.withdraw')}
              </Button>,
            ],
    },
  ];

  return (
    <>
      <ProTable<ManagedNotice>
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        search={false}
        options={{ density: false, setting: false, reload: true }}
        scroll={{ x: 1100 }}
        pagination={{ defaultPageSize: 20 }}
        request={(params) => fetchTablePage<ManagedNotice>('/notices/manage', params, {})}
        toolBarRender={() => [
          <ModalForm<PublishValues>
            key="publish"
            title={t('notices.publish')}
            form={form}
            width={640}
            initialValues={{ audience: 'region' }}
            modalProps={{ destroyOnHidden: true }}
            trigger={
              <Button type="primary" icon={<PlusOutlined />} data-testid="notice-publish">
                {t('notices.publish')}
              </Button>
            }
            onFinish={async ({ audience, targetRegion, targetOrgId, ...rest }) => {
              try {
                const target = audience === 'region' ? { targetRegion } : { targetOrgId };
                await api.post<NoticeItem>('/notices', { ...rest, ...target }, { idempotent: true });
                void message.success(t('notices.published'));
                void queryClient.invalidateQueries({ queryKey: NOTICES_QUERY_KEY });
                actionRef.current?.reload();
                return true;
              } catch (err) {
                onError(err, form);
                return false;
              }
            }}
          >
            <ProFormText
              name="title"
              label={t('notices.titleLabel')}
              rules={[{ required: true, whitespace: true, min: 2, max: 100 }]}
              fieldProps={{ ...testId('notice-form-title') }}
            />
            <ProFormTextArea
              name="body"
              label={t('notices.body')}
              rules={[{ required: true, whitespace: true, max: 5000 }]}
              fieldProps={{
                autoSize: { minRows: 5, maxRows: 12 },
                showCount: true,
                maxLength: 5000,
                ...testId('notice-form-body'),
              }}
            />
            <ProFormRadio.Group
              name="audience"
              label={t('notices.audience')}
              radioType="button"
              options={[
                { value: 'region', label: t('notices.audienceRegion') },
                { value: 'org', label: t('notices.audienceOrg') },
              ]}
            />
            <ProFormDependency name={['audience']}>
              {({ audience }) =>
                audience === 'org' ? (
                  <ProFormSelect
                    name="targetOrgId"
                    label={t('notices.targetOrg')}
                    rules={[{ required: true }]}
                    showSearch
                    options={(orgs.data ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.regionName}）` }))}
                    fieldProps={{ loading: orgs.isLoading, optionFilterProp: 'label' }}
                  />
                ) : (
                  <ProForm.Item name="targetRegion" label={t('notices.targetRegion')} rules={[{ required: true }]}>
                    <RegionTreeSelect
                      placeholder={t('notices.targetRegion')}
                      style={{ width: '100%' }}
                      testId="notice-form-region"
                    />
                  </ProForm.Item>
                )
              }
            </ProFormDependency>
            <ProForm.Group>
              <ProFormDatePicker
                name="publishOn"
                label={t('notices.publishOn')}
                width="sm"
                fieldProps={{ format: 'YYYY-MM-DD' }}
              />
              <ProFormDatePicker
                name="expireOn"
                label={t('notices.expireOn')}
                width="sm"
                extra={t('notices.expireHint')}
                fieldProps={{ format: 'YYYY-MM-DD' }}
              />
            </ProForm.Group>
          </ModalForm>,
        ]}
      />
      <NoticeReader notice={reading} markRead={false} onClose={() => setReading(null)} />
      <ReceiptsDrawer notice={receiptsOf} onClose={() => setReceiptsOf(null)} />
    </>
  );
}
