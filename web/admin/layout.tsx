import {
  AccountBookOutlined,
  AlertOutlined,
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CarryOutOutlined,
  ControlOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  EnvironmentOutlined,
  ExperimentOutlined,
  FileTextOutlined,
  FlagOutlined,
  HeartOutlined,
  HistoryOutlined,
  HomeOutlined,
  KeyOutlined,
  LikeOutlined,
  LoginOutlined,
  LogoutOutlined,
  MailOutlined,
  MonitorOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SecurityScanOutlined,
  SettingOutlined,
  SolutionOutlined,
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
  // 社会救助 group: each assistance page adds its item here (the group shows when it has any).
  const assistanceLine = me.businessLines.includes('assistance') || me.businessLines.includes('*');
  const assistance: MenuDataItem[] = [
    ...(assistanceLine && hasPermission(me, 'case:read')
      ? [{ path: '/assistance/applications', name: t('assistance.menu.applications'), icon: <FileTextOutlined /> }]
      : []),
    ...(assistanceLine && hasPermission(me, 'case:read')
      ? [{ path: '/assistance/statistics', name: t('assistanceStats.menu'), icon: <BarChartOutlined /> }]
      : []),
    // 救助政策参数 and 政策模拟: every user of the assistance line reads; 'policy:edit' adds and withdraws values
    ...(assistanceLine && hasPermission(me, 'case:read')
      ? [
          { path: '/assistance/policy', name: t('policy.menu'), icon: <ControlOutlined /> },
          { path: '/assistance/simulation', name: t('policy.simulation.menu'), icon: <ExperimentOutlined /> },
        ]
      : []),
    ...(assistanceLine && hasPermission(me, 'case:read')
      ? [
          { path: '/assistance/enrollments', name: t('enrollment.menu'), icon: <SolutionOutlined /> },
          { path: '/assistance/payroll', name: t('payroll.menu'), icon: <AccountBookOutlined /> },
        ]
      : []),
  ];
  // 动态监测 group: staff whose roles cover the monitoring line (rules visible to administrators too).
  const monitoringLine = me.businessLines.includes('monitoring') || me.businessLines.includes('*');
  const monitoring: MenuDataItem[] = [
    ...(monitoringLine && hasPermission(me, 'case:read')
      ? [
          { path: '/monitoring/warnings', name: t('monitoring.menuWarnings'), icon: <AlertOutlined /> },
          { path: '/monitoring/visits', name: t('monitoring.menuVisits'), icon: <CarryOutOutlined /> },
          { path: '/monitoring/flags', name: t('monitoring.menuFlags'), icon: <FlagOutlined /> },
          { path: '/monitoring/rules', name: t('monitoring.menuRules'), icon: <ControlOutlined /> },
        ]
      : []),
  ];
  // 数据交换 group: the catalogue for every staff member; imports and batches for administrators; 核对 for case workers.
  const exchangeLine = me.businessLines.includes('assistance') || me.businessLines.includes('*');
  const exchange: MenuDataItem[] = [
    { path: '/exchange/catalogue', name: t('exchange.menu.catalogue'), icon: <DatabaseOutlined /> },
    ...(hasPermission(me, PERMISSIONS.adminSettings)
      ? [{ path: '/exchange/batches', name: t('exchange.menu.batches'), icon: <HistoryOutlined /> }]
      : []),
    ...(exchangeLine && hasPermission(me, 'case:act')
      ? [{ path: '/exchange/verify', name: t('exchange.menu.verify'), icon: <SecurityScanOutlined /> }]
      : []),
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
    ...(assistance.length > 0
      ? [{ path: '/assistance', name: t('assistanceStats.menuGroup'), icon: <HeartOutlined />, children: assistance }]
      : []),
    ...(monitoring.length > 0
      ? [{ path: '/monitoring', name: t('monitoring.menuGroup'), icon: <MonitorOutlined />, children: monitoring }]
      : []),
    { path: '/exchange', name: t('exchange.menu.group'), icon: <ApiOutlined />, children: exchange },
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
