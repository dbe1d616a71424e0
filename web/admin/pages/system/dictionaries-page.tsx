import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import {
  ModalForm,
  PageContainer,
  type ProColumns,
  ProFormDigit,
  ProFormSelect,
  ProFormText,
  ProFormTextArea,
  ProTable,
} from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Popconfirm, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api.ts';
import { useLanguage } from '../../../shared/use-language.ts';
import { useApiErrorHandler } from '../../hooks/use-api-error.ts';

type Sensitivity = 'public' | 'internal' | 'personal' | 'sensitive_personal';

interface DictionarySummary {
  code: string;
  nameZh: string;
  nameEn: string;
  standard: string;
  editable: boolean;
  itemCount: number;
  localCount: number;
}

interface DictionaryEntry {
  value: string;
  labelZh: string;
  labelEn: string;
  sort: number;
  isActive: boolean;
  isLocal: boolean;
  sensitivity: Sensitivity | null;
  remark: string | null;
  version: number;
}

interface ItemValues {
  value: string;
  labelZh: string;
  labelEn: string;
  sort?: number;
  sensitivity?: Sensitivity;
  remark?: string;
}

const SENSITIVITY_COLOR: Record<Sensitivity, string> = {
  public: 'default',
  internal: 'blue',
  personal: 'gold',
  sensitive_personal: 'red',
};

/** 字典管理: national code sets (read-only) and their local extensions, which admins add, edit and disable. */
export function DictionariesPage() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState('employment_status');
  const [editing, setEditing] = useState<DictionaryEntry | null>(null);
  const [form] = Form.useForm<ItemValues>();

  const dictionaries = useQuery({
    queryKey: ['dictionaries'],
    queryFn: ({ signal }) => api.get<DictionarySummary[]>('/dictionaries', undefined, { signal }),
  });
  const items = useQuery({
    queryKey: ['dictionary-admin', selected],
    queryFn: ({ signal }) => api.get<DictionaryEntry[]>(`/dictionaries/${selected}`, { all: 'true' }, { signal }),
  });
  const current = dictionaries.data?.find((d) => d.code === selected);
  const hasSensitivity = (items.data ?? []).some((i) => i.sensitivity !== null);
  const name = (d: { nameZh: string; nameEn: string }) => (english ? d.nameEn : d.nameZh);
  const label = (i: DictionaryEntry) => (english ? i.labelEn : i.labelZh);

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['dictionaries'] }),
      queryClient.invalidateQueries({ queryKey: ['dictionary-admin', selected] }),
      // dropdowns elsewhere (useDictionary) pick the change up too
      queryClient.invalidateQueries({ queryKey: ['dictionary', selected] }),
    ]);
  };

  const patch = async (item: DictionaryEntry, body: Partial<ItemValues> & { isActive?: boolean }) => {
    try {
      await api.patch(`/dictionaries/${selected}/items/${encodeURIComponent(item.value)}`, {
        version: item.version,
        ...body,
      });
      void message.success(t('dictionaries.saved'));
      await refresh();
      return true;
    } catch (err) {
      onError(err, form);
      return false;
    }
  };

  const columns: ProColumns<DictionaryEntry>[] = [
    {
      title: t('dictionaries.value'),
      dataIndex: 'value',
      width: 170,
      render: (_, i) => <span className="hm-mono">{i.value}</span>,
    },
    { title: t('dictionaries.labelZh'), dataIndex: 'labelZh', width: 150 },
    { title: t('dictionaries.labelEn'), dataIndex: 'labelEn', width: 170, ellipsis: true },
    {
      title: t('dictionaries.source'),
      dataIndex: 'isLocal',
      width: 110,
      render: (_, i) =>
        i.isLocal ? (
          <Tag color="green">{t('dictionaries.local')}</Tag>
        ) : (
          <Tooltip title={t('dictionaries.readOnly')}>
            <Tag icon={<LockOutlined />}>
              {current?.standard === 'local' ? t('dictionaries.builtIn') : t('dictionaries.national')}
            </Tag>
          </Tooltip>
        ),
    },
    {
      title: t('dictionaries.sensitivity'),
      dataIndex: 'sensitivity',
      width: 130,
      hideInTable: !hasSensitivity,
      render: (_, i) =>
        i.sensitivity ? (
          <Tag color={SENSITIVITY_COLOR[i.sensitivity]}>{t(`dictionaries.sensitivities.${i.sensitivity}`)}</Tag>
        ) : (
          '—'
        ),
    },
    {
      title: t('dictionaries.status'),
      dataIndex: 'isActive',
      width: 80,
      render: (_, i) =>
        i.isActive ? <Tag color="green">{t('dictionaries.active')}</Tag> : <Tag>{t('dictionaries.inactive')}</Tag>,
    },
    { title: t('dictionaries.remark'), dataIndex: 'remark', ellipsis: true, width: 200 },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 130,
      render: (_, i) =>
        i.isLocal
          ? [
              <Button key="edit" type="link" size="small" data-testid="dict-item-edit" onClick={() => setEditing(i)}>
                {t('dictionaries.edit')}
              </Button>,
              i.isActive ? (
                <Popconfirm
                  key="disable"
                  title={t('dictionaries.disableConfirm', { label: label(i) })}
                  onConfirm={() => patch(i, { isActive: false })}
                >
                  <Button type="link" size="small" danger data-testid="dict-item-disable">
                    {t('dictionaries.disable')}
                  </Button>
                </Popconfirm>
              ) : (
                <Button key="enable" type="link" size="small" onClick={() => patch(i, { isActive: true })}>
                  {t('dictionaries.enable')}
                </Button>
              ),
            ]
          : [],
    },
  ];

  const sensitivityOptions = (['public', 'internal', 'personal', 'sensitive_personal'] as const).map((s) => ({
    value: s,
    label: t(`dictionaries.sensitivities.${s}`),
  }));

  return (
    <PageContainer title={t('dictionaries.title')}>
      <Alert type="info" showIcon message={t('dictionaries.note')} style={{ marginBottom: 16 }} />
      <Row gutter={16}>
        <Col xs={24} lg={9}>
          <Card size="small" styles={{ body: { padding: 0 } }}>
            <Table<DictionarySummary>
              rowKey="code"
              size="small"
              data-testid="dictionaries-table"
              loading={dictionaries.isLoading}
              dataSource={dictionaries.data ?? []}
              pagination={false}
              rowClassName={(d) => (d.code === selected ? 'ant-table-row-selected' : '')}
              onRow={(d) => ({ onClick: () => setSelected(d.code), style: { cursor: 'pointer' } })}
              columns={[
                {
                  title: t('dictionaries.name'),
                  dataIndex: 'nameZh',
                  render: (_, d) => (
                    <Space direction="vertical" size={0}>
                      <span data-testid={`dictionary-${d.code}`}>{name(d)}</span>
                      <Typography.Text type="secondary" className="hm-mono" style={{ fontSize: 12 }}>
                        {d.code}
                      </Typography.Text>
                    </Space>
                  ),
                },
                {
                  title: t('dictionaries.standard'),
                  dataIndex: 'standard',
                  width: 120,
                  render: (_, d) => (d.standard === 'local' ? t('dictionaries.platformStandard') : d.standard),
                },
                {
                  title: t('dictionaries.itemCount'),
                  dataIndex: 'itemCount',
                  width: 80,
                  align: 'right',
                  render: (_, d) => (d.localCount > 0 ? `${d.itemCount} (+${d.localCount})` : d.itemCount),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <ProTable<DictionaryEntry>
            rowKey="value"
            size="small"
            data-testid="dictionary-items"
            headerTitle={current ? name(current) : selected}
            search={false}
            loading={items.isLoading}
            dataSource={items.data ?? []}
            columns={columns}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            scroll={{ x: 1100 }}
            options={{ reload: () => void refresh(), density: false, setting: false }}
            rowClassName={(i) => (i.isActive ? '' : 'hm-row-muted')}
            toolBarRender={() => [
              <Tooltip key="add" title={current?.editable ? undefined : t('dictionaries.notEditable')}>
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  disabled={!current?.editable}
                  data-testid="dict-add-local"
                  onClick={() => {
                    form.resetFields();
                    setEditing({
                      value: '',
                      labelZh: '',
                      labelEn: '',
                      sort: 0,
                      isActive: true,
                      isLocal: true,
                      sensitivity: null,
                      remark: null,
                      version: 0,
                    });
                  }}
                >
                  {t('dictionaries.addLocal')}
                </Button>
              </Tooltip>,
            ]}
          />
        </Col>
      </Row>
      <ModalForm<ItemValues>
        title={editing?.version ? t('dictionaries.editLocal') : t('dictionaries.addLocal')}
        open={editing !== null}
        form={form}
        width={520}
        modalProps={{ destroyOnClose: true, onCancel: () => setEditing(null) }}
        initialValues={
          editing?.version
            ? {
                ...editing,
                sensitivity: editing.sensitivity ?? undefined,
                remark: editing.remark ?? undefined,
              }
            : undefined
        }
        onFinish={async (values) => {
          if (!editing) return false;
          if (editing.version) {
            const { value: _value, ...rest } = values;
            const ok = await patch(editing, rest);
            if (ok) setEditing(null);
            return ok;
          }
          try {
            await api.post(`/dictionaries/${selected}/items`, values, { idempotent: true });
            void message.success(t('dictionaries.saved'));
            await refresh();
            setEditing(null);
            return true;
          } catch (err) {
            onError(err, form);
            return false;
          }
        }}
      >
        <ProFormText
          name="value"
          label={t('dictionaries.value')}
          disabled={Boolean(editing?.version)}
          rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{1,40}$/, message: t('dictionaries.valueRule') }]}
          fieldProps={{ 'data-testid': 'dict-form-value' } as object}
        />
        <ProFormText
          name="labelZh"
          label={t('dictionaries.labelZh')}
          rules={[{ required: true, max: 100 }]}
          fieldProps={{ 'data-testid': 'dict-form-label-zh' } as object}
        />
        <ProFormText
          name="labelEn"
          label={t('dictionaries.labelEn')}
          rules={[{ required: true, max: 100 }]}
          fieldProps={{ 'data-testid': 'dict-form-label-en' } as object}
        />
        <ProFormDigit name="sort" label={t('dictionaries.sort')} min={0} fieldProps={{ precision: 0 }} />
        {hasSensitivity && (
          <ProFormSelect
            name="sensitivity"
            label={t('dictionaries.sensitivity')}
            options={sensitivityOptions}
            rules={[{ required: true }]}
          />
        )}
        <ProFormTextArea name="remark" label={t('dictionaries.remark')} fieldProps={{ maxLength: 500 }} />
      </ModalForm>
    </PageContainer>
  );
}
