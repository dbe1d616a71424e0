import { PlusOutlined } from '@ant-design/icons';
import {
  type ActionType,
  ModalForm,
  PageContainer,
  type ProColumns,
  ProFormText,
  ProFormTextArea,
  ProTable,
} from '@ant-design/pro-components';
import { App, Button, Form, Popconfirm } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, request } from '../../../shared/api.ts';
import { formatDate } from '../../../shared/format.ts';
import { testId } from '../../../shared/test-id.ts';
import type { Page } from '../../../shared/types.ts';
import { hasPermission, useCurrentUser } from '../../auth.tsx';
import { fetchTablePage } from '../../hooks/table-request.ts';
import { useApiErrorHandler } from '../../hooks/use-api-error.ts';

interface Flag {
  personId: string;
  personName: string;
  personIdMasked: string;
  regionCode: string;
  reason: string;
  flaggedBy: string;
  createdAt: string;
}

interface FlagValues {
  idNumber: string;
  reason: string;
}

/** 返贫风险监测: people flagged at risk are monitored like the enrolled; flag by ID number, remove the flag. */
export function MonitoringFlagsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const me = useCurrentUser();
  const actionRef = useRef<ActionType>(null);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<FlagValues>();
  const canAct = hasPermission(me, 'case:act');

  const add = async (values: FlagValues) => {
    try {
      const found = await api.get<Page<{ id: string }>>('/persons', {
        idNumber: values.idNumber.trim(),
        page: 1,
        pageSize: 1,
      });
      const person = found.items[0];
      if (!person) {
        form.setFields([{ name: 'idNumber', errors: [t('monitoring.flagNotFound')] }]);
        return false;
      }
      await api.post('/monitoring/flags', { personId: person.id, reason: values.reason });
      message.success(t('monitoring.saved'));
      setAdding(false);
      actionRef.current?.reload();
      return true;
    } catch (e) {
      onError(e, form);
      return false;
    }
  };

  const remove = async (personId: string) => {
    try {
      await request('DELETE', `/monitoring/flags/${personId}`);
      actionRef.current?.reload();
    } catch (e) {
      onError(e);
    }
  };

  const columns: ProColumns<Flag>[] = [
    { title: t('monitoring.person'), dataIndex: 'personName', width: 100 },
    { title: t('monitoring.idMasked'), dataIndex: 'personIdMasked', width: 200, className: 'hm-mono' },
    { title: t('monitoring.region'), dataIndex: 'regionCode', width: 140 },
    { title: t('monitoring.flagReason'), dataIndex: 'reason', ellipsis: true },
    { title: t('monitoring.flaggedAt'), dataIndex: 'createdAt', width: 110, render: (_, f) => formatDate(f.createdAt) },
    ...(canAct
      ? [
          {
            title: '',
            key: 'remove',
            width: 90,
            render: (_: unknown, f: Flag) => (
              <Popconfirm title={t('monitoring.unflagConfirm')} onConfirm={() => void remove(f.personId)}>
                <Button size="small" danger>
                  {t('monitoring.unflag')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <PageContainer title={t('monitoring.flagsTitle')} subTitle={t('monitoring.flagsHint')}>
      <ProTable<Flag>
        rowKey="personId"
        actionRef={actionRef}
        columns={columns}
        search={false}
        request={(params) => fetchTablePage<Flag>('/monitoring/flags', params, {})}
        pagination={{ defaultPageSize: 20 }}
        toolBarRender={() =>
          canAct
            ? [
                <Button
                  key="add"
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setAdding(true)}
                  data-testid="monitoring-flag-add"
                >
                  {t('monitoring.flag')}
                </Button>,
              ]
            : []
        }
      />
      <ModalForm<FlagValues>
        title={t('monitoring.flag')}
        open={adding}
        form={form}
        width={480}
        modalProps={{ destroyOnHidden: true, onCancel: () => setAdding(false) }}
        onFinish={add}
      >
        <ProFormText
          name="idNumber"
          label={t('monitoring.idNumber')}
          rules={[{ required: true, len: 18 }]}
          fieldProps={{ ...testId('monitoring-flag-id') }}
        />
        <ProFormTextArea
          name="reason"
          label={t('monitoring.flagReason')}
          rules={[{ required: true, whitespace: true, min: 2 }]}
        />
      </ModalForm>
    </PageContainer>
  );
}
