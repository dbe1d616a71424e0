import {
  ModalForm,
  PageContainer,
  type ProColumns,
  ProFormDigit,
  ProFormSelect,
  ProFormSwitch,
  ProFormTextArea,
  ProTable,
} from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../../shared/api.ts';
import { useLanguage } from '../../../shared/use-language.ts';
import { hasPermission, useCurrentUser } from '../../auth.tsx';
import { useApiErrorHandler } from '../../hooks/use-api-error.ts';
import { type MonitoringRule, SEVERITY_COLORS } from './monitoring-types.ts';
import { useMonitoringRules } from './use-rule-names.ts';

interface RuleValues {
  severity: string;
  dueWorkingDays: number;
  actRole: string;
  enabled: boolean;
  params: string;
}

const ROLES = ['village_coordinator', 'township_reviewer', 'township_clerk'] as const;

/** 预警规则: severity, due working days, the role that acts and the thresholds; administrators edit, audited. */
export function MonitoringRulesPage() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const { rules } = useMonitoringRules();
  const [editing, setEditing] = useState<MonitoringRule | null>(null);
  const [form] = Form.useForm<RuleValues>();
  const canEdit = hasPermission(me, 'admin:settings');

  const save = async (values: RuleValues) => {
    if (!editing) return false;
    let params: unknown;
    try {
      params = JSON.parse(values.params);
    } catch {
      form.setFields([{ name: 'params', errors: ['JSON'] }]);
      return false;
    }
    try {
      await request('PUT', `/monitoring/rules/${editing.code}`, {
        body: { ...values, params, version: editing.version },
      });
      message.success(t('monitoring.saved'));
      setEditing(null);
      await queryClient.invalidateQueries({ queryKey: ['monitoring', 'rules'] });
      return true;
    } catch (e) {
      onError(e, form);
      return false;
    }
  };

  const columns: ProColumns<MonitoringRule>[] = [
    { title: t('monitoring.rule'), dataIndex: 'nameZh', render: (_, r) => (english ? r.nameEn : r.nameZh) },
    {
      title: t('monitoring.severity'),
      dataIndex: 'severity',
      width: 90,
      render: (_, r) => <Tag color={SEVERITY_COLORS[r.severity]}>{t(`monitoring.severities.${r.severity}`)}</Tag>,
    },
    { title: t('monitoring.dueWorkingDays'), dataIndex: 'dueWorkingDays', width: 130, align: 'right' },
    {
      title: t('monitoring.actRole'),
      dataIndex: 'actRole',
      width: 150,
      render: (_, r) => t(`monitoring.roles.${r.actRole}`, { defaultValue: r.actRole }),
    },
    {
      title: t('monitoring.enabled'),
      dataIndex: 'enabled',
      width: 80,
      render: (_, r) => (r.enabled ? t('common.yes') : t('common.no')),
    },
    {
      title: t('monitoring.params'),
      dataIndex: 'params',
      render: (_, r) => (
        <Typography.Text code style={{ fontSize: 12 }}>
          {JSON.stringify(r.params)}
        </Typography.Text>
      ),
    },
    ...(canEdit
      ? [
          {
            title: '',
            key: 'edit',
            width: 80,
            render: (_: unknown, r: MonitoringRule) => (
              <Button
                size="small"
                data-testid={`monitoring-rule-edit-${r.code}`}
                onClick={() => {
                  setEditing(r);
                  form.setFieldsValue({
                    severity: r.severity,
                    dueWorkingDays: r.dueWorkingDays,
                    actRole: r.actRole,
                    enabled: r.enabled,
                    params: JSON.stringify(r.params, null, 2),
                  });
                }}
              >
                {t('monitoring.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <PageContainer title={t('monitoring.rulesTitle')}>
      <ProTable<MonitoringRule>
        rowKey="code"
        data-testid="monitoring-rules-table"
        columns={columns}
        dataSource={rules.data ?? []}
        loading={rules.isFetching}
        search={false}
        pagination={false}
        options={{ reload: () => void rules.refetch(), density: false, setting: false }}
      />
      <ModalForm<RuleValues>
        title={editing ? (english ? editing.nameEn : editing.nameZh) : ''}
        open={editing !== null}
        form={form}
        width={560}
        modalProps={{ destroyOnHidden: true, onCancel: () => setEditing(null) }}
        onFinish={save}
      >
        <ProFormSelect
          name="severity"
          label={t('monitoring.severity')}
          rules={[{ required: true }]}
          options={(['high', 'medium', 'low'] as const).map((s) => ({
            value: s,
            label: t(`monitoring.severities.${s}`),
          }))}
        />
        <ProFormDigit
          name="dueWorkingDays"
          label={t('monitoring.dueWorkingDays')}
          min={1}
          max={60}
          rules={[{ required: true }]}
        />
        <ProFormSelect
          name="actRole"
          label={t('monitoring.actRole')}
          rules={[{ required: true }]}
          options={ROLES.map((r) => ({ value: r, label: t(`monitoring.roles.${r}`) }))}
        />
        <ProFormSwitch name="enabled" label={t('monitoring.enabled')} />
        <ProFormTextArea name="params" label={t('monitoring.params')} fieldProps={{ rows: 6 }} />
      </ModalForm>
    </PageContainer>
  );
}
