import { PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { dash, formatDateTime } from '../../../shared/format.ts';
import { testId } from '../../../shared/test-id.ts';
import type { LoginLogEntry } from '../../../shared/types.ts';
import { fetchTablePage, textParam } from '../../hooks/table-request.ts';

interface LoginLogFilters {
  username?: string;
  success?: 'true' | 'false';
  from?: string;
  to?: string;
}

const REASONS = ['ok', 'unknown_user', 'bad_password', 'inactive', 'locked', 'totp_required', 'totp_invalid'];

/** 登录日志: every sign-in attempt on accounts within the administrator's jurisdiction. */
export function LoginLogPage() {
  const { t } = useTranslation();
  const reasonText = (reason: string) => (REASONS.includes(reason) ? t(`loginLog.reasons.${reason}`) : reason);

  const columns: ProColumns<LoginLogEntry>[] = [
    {
      title: t('loginLog.dateRange'),
      dataIndex: 'range',
      valueType: 'dateRange',
      hideInTable: true,
      search: { transform: (value: [string, string]) => ({ from: value[0], to: value[1] }) },
    },
    { title: t('loginLog.at'), dataIndex: 'at', search: false, width: 170, render: (_, r) => formatDateTime(r.at) },
    {
      title: t('loginLog.username'),
      dataIndex: 'username',
      width: 140,
      fieldProps: { allowClear: true, ...testId('login-log-search-username') },
      render: (_, r) => <span className="hm-mono">{r.username}</span>,
    },
    {
      title: t('loginLog.displayName'),
      dataIndex: 'displayName',
      search: false,
      width: 160,
      render: (_, r) => dash(r.displayName),
    },
    {
      title: t('loginLog.result'),
      dataIndex: 'success',
      width: 100,
      valueType: 'select',
      valueEnum: { true: { text: t('loginLog.success') }, false: { text: t('loginLog.failure') } },
      fieldProps: { ...testId('login-log-search-success') },
      render: (_, r) =>
        r.success ? <Tag color="green">{t('loginLog.success')}</Tag> : <Tag color="red">{t('loginLog.failure')}</Tag>,
    },
    {
      title: t('loginLog.reason'),
      dataIndex: 'reason',
      search: false,
      width: 150,
      render: (_, r) => reasonText(r.reason),
    },
    { title: t('loginLog.ip'), dataIndex: 'ip', search: false, width: 130, render: (_, r) => dash(r.ip) },
    {
      title: t('loginLog.userAgent'),
      dataIndex: 'userAgent',
      search: false,
      ellipsis: true,
      render: (_, r) => <Tooltip title={r.userAgent}>{dash(r.userAgent)}</Tooltip>,
    },
    {
      title: t('loginLog.scope'),
      dataIndex: 'regionScope',
      search: false,
      width: 130,
      render: (_, r) => dash(r.regionScope),
    },
  ];

  return (
    <PageContainer title={t('loginLog.title')}>
      <ProTable<LoginLogEntry, LoginLogFilters>
        data-testid="login-log-table"
        rowKey="id"
        columns={columns}
        scroll={{ x: 1200 }}
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        request={(params) =>
          fetchTablePage<LoginLogEntry>('/login-log', params, {
            username: textParam(params.username),
            success: params.success,
            from: textParam(params.from),
            to: textParam(params.to),
          })
        }
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
      />
    </PageContainer>
  );
}
