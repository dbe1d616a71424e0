import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, errorText } from '../../../shared/api.ts';
import { formatDateTime } from '../../../shared/format.ts';
import type { SettingItem } from '../../../shared/types.ts';
import { useLanguage } from '../../../shared/use-language.ts';

const SETTINGS_KEY = ['settings'] as const;

type Values = Record<string, string | number | boolean | null>;

function valuesOf(items: SettingItem[]): Values {
  return Object.fromEntries(items.map((s) => [s.key, s.value]));
}

/** The control for a setting's type; a plain element so Form.Item can pass it value/checked and onChange. */
function settingInput(setting: SettingItem, english: boolean) {
  const common = { 'data-testid': `setting-${setting.key}`, 'aria-label': english ? setting.labelEn : setting.labelZh };
  if (setting.type === 'boolean') return <Switch {...common} />;
  if (setting.type === 'number') {
    return (
      <InputNumber {...common} min={setting.min ?? undefined} max={setting.max ?? undefined} style={{ width: 160 }} />
    );
  }
  return setting.maxLength && setting.maxLength > 100 ? (
    <Input.TextArea {...common} maxLength={setting.maxLength} showCount autoSize={{ minRows: 2, maxRows: 4 }} />
  ) : (
    <Input {...common} maxLength={setting.maxLength ?? undefined} />
  );
}

/** 参数设置: typed runtime settings with their defaults; only changed values are sent, and each change is audited. */
export function SettingsPage() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const settings = useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: ({ signal }) => api.get<SettingItem[]>('/settings', undefined, { signal }),
  });

  useEffect(() => {
    if (settings.data) form.setFieldsValue(valuesOf(settings.data));
  }, [settings.data, form]);

  const save = async (changes: Values) => {
    if (Object.keys(changes).length === 0) {
      void message.info(t('settings.noChanges'));
      return;
    }
    setSaving(true);
    try {
      const updated = await api.patch<SettingItem[]>('/settings', { values: changes });
      queryClient.setQueryData(SETTINGS_KEY, updated);
      void message.success(t('settings.saved'));
    } catch (err) {
      // field errors name values.<key>; the form's field names are the setting keys themselves
      if (err instanceof ApiError) {
        form.setFields(
          err.fields.map((f) => ({
            name: [f.field.replace(/^values\./, '')],
            errors: [english ? f.message_en : f.message_zh],
          })),
        );
      }
      void message.error(errorText(err, english));
    } finally {
      setSaving(false);
    }
  };

  const shownDefault = (s: SettingItem): string => {
    if (typeof s.defaultValue === 'boolean') return s.defaultValue ? t('common.yes') : t('common.no');
    return String(s.defaultValue) || '—';
  };

  const changedValues = (): Values => {
    const current = form.getFieldsValue(true);
    const changes: Values = {};
    for (const s of settings.data ?? []) {
      const v = current[s.key];
      if (v !== undefined && v !== null && v !== s.value) changes[s.key] = s.type === 'string' ? String(v) : v;
    }
    return changes;
  };

  const columns: TableColumnsType<SettingItem> = [
    {
      title: t('settings.name'),
      key: 'name',
      width: '38%',
      render: (_, s) => (
        <Space direction="vertical" size={0}>
          <Space size={6}>
            <Typography.Text strong>{english ? s.labelEn : s.labelZh}</Typography.Text>
            {s.isPublic && <Tag bordered={false}>{t('settings.public')}</Tag>}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {english ? s.descriptionEn : s.descriptionZh}
          </Typography.Text>
          <Typography.Text type="secondary" className="hm-mono" style={{ fontSize: 12 }}>
            {s.key}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('settings.value'),
      key: 'value',
      render: (_, s) => (
        <Form.Item
          name={[s.key]}
          valuePropName={s.type === 'boolean' ? 'checked' : 'value'}
          extra={t('settings.defaultIs', { value: shownDefault(s) })}
          style={{ marginBottom: 0 }}
        >
          {settingInput(s, english)}
        </Form.Item>
      ),
    },
    {
      title: t('settings.updated'),
      key: 'updated',
      width: 190,
      render: (_, s) =>
        s.isDefault ? (
          <Tag bordered={false}>{t('settings.isDefault')}</Tag>
        ) : (
          <Space direction="vertical" size={0}>
            <span>{s.updatedBy}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(s.updatedAt)}
            </Typography.Text>
          </Space>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, s) => (
        <Popconfirm title={t('settings.reset')} disabled={s.isDefault} onConfirm={() => save({ [s.key]: null })}>
          <Button
            type="link"
            size="small"
            icon={<UndoOutlined />}
            disabled={s.isDefault}
            data-testid={`setting-reset-${s.key}`}
          >
            {t('settings.reset')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('settings.title')}
      extra={
        <Button
          type="primary"
          icon={<SaveOutlined />}
          loading={saving}
          data-testid="settings-save"
          onClick={() => void save(changedValues())}
        >
          {t('settings.save')}
        </Button>
      }
    >
      <Alert type="info" showIcon message={t('settings.hint')} style={{ marginBottom: 16 }} />
      <Card size="small">
        <Form form={form} component={false}>
          <Table<SettingItem>
            rowKey="key"
            columns={columns}
            dataSource={settings.data ?? []}
            loading={settings.isLoading}
            pagination={false}
          />
        </Form>
      </Card>
    </PageContainer>
  );
}
