import {
  ApartmentOutlined,
  AuditOutlined,
  BookOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  HomeOutlined,
  KeyOutlined,
  LikeOutlined,
  LoginOutlined,
  LogoutOutlined,
  MailOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
  ToolOutlined,
  UsergroupAddOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { type MenuDataItem, ProLayout } from '@ant-design/pro-components';
import { Button, Space, Spin, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { Me } from '../shared/types.ts';
import { useLanguage } from '../shared/use-language.ts';
import { hasPermission, useCurrentUser, useLogout } from './auth.tsx';
import { LangSwitch } from './components/lang-switch.tsx';
import { MessageBell } from './components/message-bell.tsx';

export const PERMISSIONS = {
  registryRead: 'registry:read',
  adminUsers: 'admin:users',
  auditRead: 'audit:read',
  jobsRead: 'jobs:read',
  adminSettings: 'admin:settings',
} as const;

/** Side menu, filtered by the user's permissions. */
export function buildMenu(me: Me, t: TFunction): MenuDataItem[] {
  const registry = hasPermission(me, PERMISSIONS.registryRead);
  const admin = hasPermission(me, PERMISSIONS.adminUsers);
  const system: MenuDataItem[] = [
    ...(admin
      ? [
          { path: '/system/users', name: t('menu.users'), icon: <UserOutlined /> },
          { path: '/system/roles', name: t('menu.roles'), icon: <SafetyCertificateOutlined /> },
          { path: '/system/orgs', name: t('menu.orgs'), icon: <ApartmentOutlined /> },
        ]
      : []),
    ...(admin
      ? [
          { path: '/system/login-log', name: t('menu.loginLog'), icon: <LoginOutlined /> },
          { path: '/system/online-users', name: t('menu.onlineUsers'), icon: <UsergroupAddOutlined /> },
        ]
      : []),
    ...(hasPermission(me, PERMISSIONS.auditRead)
      ? [{ path: '/system/audit', name: t('menu.audit'), icon: <AuditOutlined /> }]
      : []),
    ...(hasPermission(me, PERMISSIONS.jobsRead)
      ? [{ path: '/system/jobs', name: t('menu.jobs'), icon: <ScheduleOutlined /> }]
      : []),
    ...(hasPermission(me, 'admin:dicts')
      ? [{ path: '/system/dictionaries', name: t('menu.dictionaries'), icon: <BookOutlined /> }]
      : []),
    // 好差评 statistics: anyone who reads cases, within their jurisdiction
    ...(hasPermission(me, 'case:read')
      ? [{ path: '/system/ratings', name: t('menu.ratings'), icon: <LikeOutlined /> }]
      : []),
    ...(hasPermission(me, PERMISSIONS.adminSettings)
      ? [{ path: '/system/settings', name: t('menu.settings'), icon: <ToolOutlined /> }]
      : []),
    // every staff member manages their own second factor and password here
    { path: '/system/security', name: t('menu.security'), icon: <KeyOutlined /> },
  ];
  return [
    { path: '/', name: t('menu.workbench'), icon: <DashboardOutlined /> },
    { path: '/notices', name: t('menu.notices'), icon: <NotificationOutlined /> },
    { path: '/messages', name: t('menu.messages'), icon: <MailOutlined /> },
    { path: '/regions', name: t('menu.regions'), icon: <EnvironmentOutlined /> },
    ...(registry
      ? [
          { path: '/persons', name: t('menu.persons'), icon: <TeamOutlined /> },
          { path: '/households', name: t('menu.households'), icon: <HomeOutlined /> },
        ]
      : []),
    ...(system.length > 0
      ? [{ path: '/system', name: t('menu.system'), icon: <SettingOutlined />, children: system }]
      : []),
  ];
}

export function Logo() {
  return (
    <span className="hm-logo" aria-hidden>
      惠
    </span>
  );
}

export function PageSpin() {
  return (
    <div style={{ padding: 64, textAlign: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

export function AdminLayout() {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const { language } = useLanguage();
  const location = useLocation();
  const navigate = useNavigate();
  const { logout, pending } = useLogout();
  const menu = useMemo(() => buildMenu(me, t), [me, t]);

  return (
    <ProLayout
      title={t('app.shortTitle')}
      logo={<Logo />}
      layout="mix"
      splitMenus={false}
      fixSiderbar
      fixedHeader
      locale={language}
      siderWidth={216}
      route={{ path: '/', children: menu }}
      location={{ pathname: location.pathname }}
      menu={{ locale: false, defaultOpenAll: true }}
      onMenuHeaderClick={() => navigate('/')}
      menuItemRender={(item, dom) => (item.path && !item.isUrl ? <Link to={item.path}>{dom}</Link> : dom)}
      avatarProps={{
        icon: <UserOutlined />,
        size: 'small',
        title: <span data-testid="user-name">{me.displayName}</span>,
      }}
      actionsRender={() => [
        <Tooltip key="org" title={`${t('header.org')}：${me.orgName} · ${t('header.scope')}：${me.regionScopeName}`}>
          <Space size={4} className="hm-header-org" data-testid="header-org">
            <ApartmentOutlined />
            <span>{me.orgName}</span>
            <Typography.Text className="hm-header-scope">· {me.regionScopeName}</Typography.Text>
          </Space>
        </Tooltip>,
        <MessageBell key="messages" />,
        <LangSwitch key="lang" light />,
        <Button
          key="logout"
          data-testid="logout"
          type="text"
          size="small"
          icon={<LogoutOutlined />}
          loading={pending}
          onClick={logout}
          style={{ color: 'inherit' }}
        >
          {t('common.logout')}
        </Button>,
      ]}
      footerRender={() => <div className="hm-footer">{t('app.footer')}</div>}
      token={{
        header: {
          colorBgHeader: '#0e3f8c',
          colorHeaderTitle: '#ffffff',
          colorTextRightActionsItem: 'rgba(255,255,255,0.88)',
          colorBgRightActionsItemHover: 'rgba(255,255,255,0.12)',
          colorTextMenu: 'rgba(255,255,255,0.85)',
          colorTextMenuSelected: '#ffffff',
          heightLayoutHeader: 56,
        },
        sider: {
          colorMenuBackground: '#ffffff',
          colorBgMenuItemSelected: '#e8f1ff',
          colorTextMenuSelected: '#1677ff',
        },
        pageContainer: {
          paddingBlockPageContainerContent: 16,
          paddingInlinePageContainerContent: 24,
        },
      }}
    >
      <Suspense fallback={<PageSpin />}>
        <Outlet />
      </Suspense>
    </ProLayout>
  );
}
