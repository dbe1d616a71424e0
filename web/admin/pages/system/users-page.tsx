import { LockOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import {
  type ActionType,
  ModalForm,
  PageContainer,
  type ProColumns,
  ProForm,
  ProFormSelect,
  ProFormText,
  ProTable,
} from '@ant-design/pro-components';
import { App, Button, Form, Popconfirm, Space, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { testId } from '../../../shared/test-id.ts';
import type { UserItem } from '../../../shared/types.ts';
import { useLanguage } from '../../../shared/use-language.ts';
import { RegionTreeSelect } from '../../components/region-tree-select.tsx';
import { fetchTablePage, textParam } from '../../hooks/table-request.ts';
import { useOrgs, useRoles } from '../../hooks/use-admin-lists.ts';
import { useApiErrorHandler } from '../../hooks/use-api-error.ts';

interface CreateUserValues {
  username: string;
  displayName: string;
  password: string;
  orgId: string;
  regionScope: string;
  roles: string[];
}

function isLocked(user: UserItem): boolean {
  return Boolean(user.lockedUntil && dayjs(user.lockedUntil).isAfter(dayjs()));
}

export function UsersPage() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const actionRef = useRef<ActionType>(null);
  const [form] = Form.useForm<CreateUserValues>();
  const roles = useRoles();
  const orgs = useOrgs();

  const roleName = (code: string) => {
    const role = roles.data?.find((r) => r.code === code);
    return role ? (english ? role.nameEn : role.nameZh) : code;
  };

  const update = async (user: UserItem, patch: { isActive: boolean }) => {
    try {
      await api.patch<UserItem>(`/users/${user.id}`, patch);
      void message.success(t('common.success'));
      actionRef.current?.reload();
    } catch (err) {
      onError(err);
    }
  };

  const unlock = async (user: UserItem) => {
    try {
      await api.post(`/users/${user.id}/unlock`);
      void message.success(t('common.success'));
      actionRef.current?.reload();
    } catch (err) {
      onError(err);
    }
  };

  const columns: ProColumns<UserItem>[] = [
    {
      title: t('users.q'),
      dataIndex: 'q',
      hideInTable: true,
      fieldProps: { allowClear: true, ...testId('users-search-q') },
    },
    { title: t('users.username'), dataIndex: 'username', search: false, width: 140, copyable: true },
    { title: t('users.displayName'), dataIndex: 'displayName', search: false, width: 120 },
    { title: t('users.org'), dataIndex: 'orgName', search: false, ellipsis: true },
    {
      title: t('users.regionScope'),
      dataIndex: 'regionScopeName',
      search: false,
      ellipsis: true,
      render: (_, u) => <Tooltip title={u.regionScope}>{u.regionScopeName}</Tooltip>,
    },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      search: false,
      render: (_, u) => (
        <Space size={[0, 4]} wrap>
          {u.roles.map((code) => (
            <Tag key={code} color="geekblue">
              {roleName(code)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('users.status'),
      dataIndex: 'isActive',
      search: false,
      width: 150,
      render: (_, u) => (
        <Space size={4}>
          {u.isActive ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>}
          {isLocked(u) && (
            <Tooltip title={formatDateTime(u.lockedUntil)}>
              <Tag color="orange" icon={<LockOutlined />}>
                {t('users.locked')}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 150,
      render: (_, u) => [
        u.isActive ? (
          <Popconfirm
            key="disable"
            title={t('users.disableConfirm', { name: u.displayName })}
            onConfirm={() => update(u, { isActive: false })}
          >
            <Button type="link" size="small" danger data-testid="user-disable">
              {t('users.disable')}
            </Button>
          </Popconfirm>
        ) : (
          <Button
            key="enable"
            type="link"
            size="small"
            data-testid="user-enable"
            onClick={() => update(u, { isActive: true })}
          >
            {t('users.enable')}
          </Button>
        ),
        isLocked(u) ? (
          <Button
            key="unlock"
            type="link"
            size="small"
            icon={<UnlockOutlined />}
            data-testid="user-unlock"
            onClick={() => unlock(u)}
          >
            {t('users.unlock')}
          </Button>
        ) : null,
      ],
    },
  ];

  return (
    <PageContainer title={t('users.title')}>
      <ProTable<UserItem, { q?: string }>
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        request={(params) => fetchTablePage<UserItem>('/users', params, { q: textParam(params.q) })}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        toolBarRender={() => [
          <ModalForm<CreateUserValues>
            key="create"
            title={t('users.create')}
            form={form}
            width={560}
            modalProps={{ destroyOnHidden: true }}
            trigger={
              <Button type="primary" icon={<PlusOutlined />} data-testid="users-create">
                {t('users.create')}
              </Button>
            }
            onFinish={async (values) => {
              try {
                await api.post<UserItem>('/users', values, { idempotent: true });
                void message.success(t('users.created'));
                actionRef.current?.reload();
                return true;
              } catch (err) {
                onError(err, form);
                return false;
              }
            }}
          >
            <ProForm.Group>
              <ProFormText
                name="username"
                label={t('users.username')}
                width="sm"
                rules={[{ required: true, whitespace: true }]}
                fieldProps={{ autoComplete: 'off', ...testId('user-form-username') }}
              />
              <ProFormText
                name="displayName"
                label={t('users.displayName')}
                width="sm"
                rules={[{ required: true, whitespace: true }]}
                fieldProps={{ ...testId('user-form-display-name') }}
              />
            </ProForm.Group>
            <ProFormText.Password
              name="password"
              label={t('users.password')}
              extra={t('users.passwordHint')}
              rules={[{ required: true }]}
              fieldProps={{ autoComplete: 'new-password', ...testId('user-form-password') }}
            />
            <ProFormSelect
              name="orgId"
              label={t('users.org')}
              rules={[{ required: true }]}
              showSearch
              options={(orgs.data ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.regionName}）` }))}
              fieldProps={{ loading: orgs.isLoading, optionFilterProp: 'label' }}
            />
            <ProForm.Item name="regionScope" label={t('users.regionScope')} rules={[{ required: true }]}>
              <RegionTreeSelect
                placeholder={t('users.regionScope')}
                style={{ width: '100%' }}
                testId="user-form-scope"
              />
            </ProForm.Item>
            <ProFormSelect
              name="roles"
              label={t('users.roles')}
              mode="multiple"
              rules={[{ required: true }]}
              options={(roles.data ?? []).map((r) => ({ value: r.code, label: english ? r.nameEn : r.nameZh }))}
              fieldProps={{ loading: roles.isLoading, optionFilterProp: 'label' }}
            />
          </ModalForm>,
        ]}
      />
    </PageContainer>
  );
}
