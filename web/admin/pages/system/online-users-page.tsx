import { LogoutOutlined } from '@ant-design/icons';
import { type ActionType, PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { App, Button, Popconfirm, Tooltip } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api.ts';
import { dash, formatDateTime } from '../../../shared/format.ts';
import type { OnlineUser } from '../../../shared/types.ts';
import { useCurrentUser } from '../../auth.tsx';
import { fetchTablePage } from '../../hooks/table-request.ts';
import { useApiErrorHandler } from '../../hooks/use-api-error.ts';

/** 在线用户: users with live sessions in the administrator's jurisdiction, and force-logout 踢下线. */
export function OnlineUsersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const actionRef = useRef<ActionType>(null);

  const forceLogout = async (user: OnlineUser) => {
    try {
      const { sessionsEnded } = await api.post<{ sessionsEnded: number }>(`/users/${user.userId}/force-logout`);
      void message.success(t('onlineUsers.kicked', { name: user.displayName, count: sessionsEnded }));
      actionRef.current?.reload();
    } catch (err) {
      onError(err);
    }
  };

  const columns: ProColumns<OnlineUser>[] = [
    {
      title: t('onlineUsers.username'),
      dataIndex: 'username',
      width: 130,
      render: (_, u) => <span className="hm-mono">{u.username}</span>,
    },
    { title: t('onlineUsers.displayName'), dataIndex: 'displayName', width: 160 },
    { title: t('onlineUsers.org'), dataIndex: 'orgName', width: 190, ellipsis: true },
    {
      title: t('onlineUsers.scope'),
      dataIndex: 'regionScopeName',
      width: 210,
      ellipsis: true,
      render: (_, u) => <Tooltip title={u.regionScope}>{u.regionScopeName}</Tooltip>,
    },
    { title: t('onlineUsers.sessions'), dataIndex: 'sessions', width: 80, align: 'right' },
    {
      title: t('onlineUsers.signedInAt'),
      dataIndex: 'signedInAt',
      width: 170,
      render: (_, u) => formatDateTime(u.signedInAt),
    },
    {
      title: t('onlineUsers.lastSeenAt'),
      dataIndex: 'lastSeenAt',
      width: 170,
      render: (_, u) => formatDateTime(u.lastSeenAt),
    },
    { title: t('onlineUsers.ip'), dataIndex: 'ip', width: 130, render: (_, u) => dash(u.ip) },
    {
      title: t('onlineUsers.userAgent'),
      dataIndex: 'userAgent',
      width: 200,
      ellipsis: true,
      render: (_, u) => <Tooltip title={u.userAgent}>{dash(u.userAgent)}</Tooltip>,
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 120,
      fixed: 'right',
      render: (_, u) =>
        u.userId === me.id
          ? [<span key="self">{t('onlineUsers.self')}</span>]
          : [
              <Popconfirm
                key="kick"
                title={t('onlineUsers.kickConfirm', { name: u.displayName })}
                okButtonProps={{ danger: true }}
                onConfirm={() => forceLogout(u)}
              >
                <Button type="link" size="small" danger icon={<LogoutOutlined />} data-testid="online-user-kick">
                  {t('onlineUsers.kick')}
                </Button>
              </Popconfirm>,
            ],
    },
  ];

  return (
    <PageContainer title={t('onlineUsers.title')} content={t('onlineUsers.intro')}>
      <ProTable<OnlineUser>
        data-testid="online-users-table"
        rowKey="userId"
        actionRef={actionRef}
        columns={columns}
        search={false}
        scroll={{ x: 1560 }}
        request={(params) => fetchTablePage<OnlineUser>('/online-users', params, {})}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        options={{ reload: true, density: false, setting: false }}
      />
    </PageContainer>
  );
}
