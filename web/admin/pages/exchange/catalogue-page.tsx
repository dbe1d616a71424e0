import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Form, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorText } from '../../../shared/api.ts';
import { useLanguage } from '../../../shared/use-language.ts';
import { hasPermission, useCurrentUser } from '../../auth.tsx';
import { ExchangeImportDialog } from './exchange-import-dialog.tsx';
import type { ExchangeCategory, ExchangeField } from './exchange-types.ts';

const TYPE_COLORS: Record<ExchangeField['type'], string> = {
  text: 'default',
  date: 'blue',
  money: 'gold',
  int: 'cyan',
  code: 'purple',
};

/** One category: rename, switch on/off, relabel fields (keys and types are the contract with the department). */
function CategoryDrawer({ category, onClose }: { category: ExchangeCategory | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useCurrentUser();
  const canEdit = hasPermission(me, 'admin:settings');
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (values: {
      nameZh: string;
      nameEn: string;
      enabled: boolean;
      labels: Record<string, { zh: string; en: string }>;
    }) =>
      api.patch<ExchangeCategory>(`/exchange/categories/${category?.code}`, {
        version: category?.version,
        nameZh: values.nameZh,
        nameEn: values.nameEn,
        enabled: values.enabled,
        fieldLabels: Object.entries(values.labels ?? {}).map(([key, l]) => ({ key, labelZh: l.zh, labelEn: l.en })),
      }),
    onSuccess: () => {
      message.success(t('exchange.catalogue.saved'));
      void queryClient.invalidateQueries({ queryKey: ['exchange', 'categories'] });
      onClose();
    },
  });
  if (!category) return null;
  return (
    <Drawer
      open
      width={820}
      title={`${english ? category.nameEn : category.nameZh} · ${category.code}`}
      onClose={onClose}
      destroyOnClose
      extra={
        canEdit && (
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="exchange-category-save"
          >
            {t('exchange.catalogue.save')}
          </Button>
        )
      }
    >
      <Form
        form={form}
        layout="vertical"
        disabled={!canEdit}
        initialValues={{
          nameZh: category.nameZh,
          nameEn: category.nameEn,
          enabled: category.enabled,
          labels: Object.fromEntries(category.fields.map((f) => [f.key, { zh: f.labelZh, en: f.labelEn }])),
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Space size="large" align="start">
          <Form.Item name="nameZh" label={t('exchange.catalogue.nameZh')} rules={[{ required: true }]}>
            <Input style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('exchange.catalogue.nameEn')} rules={[{ required: true }]}>
            <Input style={{ width: 280 }} />
          </Form.Item>
          <Form.Item name="enabled" label={t('exchange.catalogue.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        {save.error && (
          <Alert type="error" showIcon message={errorText(save.error, english)} style={{ marginBottom: 12 }} />
        )}
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={category.fields}
          columns={[
            { title: t('exchange.catalogue.fieldKey'), dataIndex: 'key', width: 150, render: (k) => <code>{k}</code> },
            {
              title: t('exchange.catalogue.labelZh'),
              render: (_, f) => (
                <Form.Item name={['labels', f.key, 'zh']} noStyle rules={[{ required: true }]}>
                  <Input size="small" />
                </Form.Item>
              ),
            },
            {
              title: t('exchange.catalogue.labelEn'),
              render: (_, f) => (
                <Form.Item name={['labels', f.key, 'en']} noStyle rules={[{ required: true }]}>
                  <Input size="small" />
                </Form.Item>
              ),
            },
            {
              title: t('exchange.catalogue.type'),
              dataIndex: 'type',
              width: 80,
              render: (type: ExchangeField['type']) => (
                <Tag color={TYPE_COLORS[type]}>{t(`exchange.types.${type}`)}</Tag>
              ),
            },
            {
              title: t('exchange.catalogue.flags'),
              width: 130,
              render: (_, f) => (
                <Space size={2}>
                  {f.required && <Tag color="red">{t('exchange.catalogue.required')}</Tag>}
                  {f.sensitive && <Tag color="orange">{t('exchange.catalogue.sensitive')}</Tag>}
                </Space>
              ),
            },
          ]}
          expandable={{
            rowExpandable: (f) => (f.options?.length ?? 0) > 0,
            expandedRowRender: (f) => (
              <Space wrap>
                {f.options?.map((o) => (
                  <Tag key={o.code}>
                    {o.code} · {english ? o.labelEn : o.labelZh}
                  </Tag>
                ))}
              </Space>
            ),
          }}
        />
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('exchange.catalogue.version', { version: category.version, by: category.updatedBy ?? '—' })}
      </Typography.Paragraph>
    </Drawer>
  );
}

/** 数据交换目录: 13 departments and their 36 data categories, with fields, templates and file import. */
export function ExchangeCataloguePage() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const me = useCurrentUser();
  const canImport = hasPermission(me, 'admin:settings');
  const [open, setOpen] = useState<string | null>(null);
  const [importing, setImporting] = useState<string | null>(null);
  const categories = useQuery({
    queryKey: ['exchange', 'categories'],
    queryFn: ({ signal }) => api.get<ExchangeCategory[]>('/exchange/categories', undefined, { signal }),
  });
  const rows = categories.data ?? [];
  const departments = useMemo(() => new Set(rows.map((c) => c.departmentCode)).size, [rows]);
  const byCode = (code: string | null) => rows.find((c) => c.code === code) ?? null;

  return (
    <PageContainer
      title={t('exchange.catalogue.title')}
      subTitle={t('exchange.catalogue.subtitle', { departments, categories: rows.length })}
    >
      {categories.error && <Alert type="error" showIcon message={errorText(categories.error, english)} />}
      <Table
        rowKey="code"
        size="middle"
        loading={categories.isLoading}
        dataSource={rows}
        pagination={false}
        data-testid="exchange-categories"
        columns={[
          {
            title: t('exchange.catalogue.department'),
            dataIndex: 'departmentCode',
            width: 180,
            render: (_, c) => (english ? c.departmentNameEn : c.departmentNameZh),
            onCell: (c, i) => {
              const first = rows.findIndex((x) => x.departmentCode === c.departmentCode);
              return { rowSpan: first === i ? rows.filter((x) => x.departmentCode === c.departmentCode).length : 0 };
            },
          },
          {
            title: t('exchange.catalogue.category'),
            render: (_, c) => (
              <Button type="link" onClick={() => setOpen(c.code)} style={{ padding: 0 }}>
                {english ? c.nameEn : c.nameZh}
              </Button>
            ),
          },
          { title: t('exchange.catalogue.code'), dataIndex: 'code', render: (k) => <code>{k}</code> },
          { title: t('exchange.catalogue.fields'), render: (_, c) => c.fields.length, width: 80 },
          {
            title: t('exchange.catalogue.enabled'),
            width: 90,
            render: (_, c) =>
              c.enabled ? (
                <Tag color="green">{t('exchange.catalogue.on')}</Tag>
              ) : (
                <Tag>{t('exchange.catalogue.off')}</Tag>
              ),
          },
          {
            title: '',
            width: 110,
            render: (_, c) =>
              canImport && c.enabled ? (
                <Button size="small" onClick={() => setImporting(c.code)} data-testid={`exchange-import-${c.code}`}>
                  {t('exchange.catalogue.import')}
                </Button>
              ) : null,
          },
        ]}
      />
      <CategoryDrawer category={byCode(open)} onClose={() => setOpen(null)} />
      <ExchangeImportDialog category={byCode(importing)} onClose={() => setImporting(null)} />
    </PageContainer>
  );
}
