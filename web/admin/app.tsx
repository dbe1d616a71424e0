import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, type ConfigProviderProps } from 'antd';
import enUSModule from 'antd/es/locale/en_US.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { ApiError, onUnauthorized } from '../shared/api.ts';
import { useLanguage } from '../shared/use-language.ts';
import { RequireAuth, RequirePermission } from './auth.tsx';
import { AdminLayout } from './layout.tsx';
import { AssistanceApplicationDetailPage } from './pages/assistance/application-detail-page.tsx';
import { AssistanceApplicationNewPage } from './pages/assistance/application-new-page.tsx';
import { AssistanceApplicationsPage } from './pages/assistance/applications-page.tsx';
import { EnrollmentDetailPage } from './pages/assistance/enrollments-detail-page.tsx';
import { EnrollmentsPage } from './pages/assistance/enrollments-page.tsx';
import { PayrollRunPage } from './pages/assistance/payroll-run-page.tsx';
import { PayrollRunsPage } from './pages/assistance/payroll-runs-page.tsx';
import { AssistanceStatisticsPage } from './pages/assistance/statistics-page.tsx';
import { CaseDetailPage } from './pages/case-detail-page.tsx';
import { ChangePasswordPage } from './pages/change-password-page.tsx';
import { ExchangeBatchesPage } from './pages/exchange/batches-page.tsx';
import { ExchangeCataloguePage } from './pages/exchange/catalogue-page.tsx';
import { ExchangeVerificationPage } from './pages/exchange/verification-page.tsx';
import { HouseholdDetailPage } from './pages/household-detail-page.tsx';
import { HouseholdsPage } from './pages/households-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { MessagesPage } from './pages/messages-page.tsx';
import { MonitoringFlagsPage } from './pages/monitoring/flags-page.tsx';
import { MonitoringRulesPage } from './pages/monitoring/rules-page.tsx';
import { MonitoringVisitsPage } from './pages/monitoring/visits-page.tsx';
import { MonitoringWarningDetailPage } from './pages/monitoring/warning-detail-page.tsx';
import { MonitoringWarningsPage } from './pages/monitoring/warnings-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { NoticesPage } from './pages/notices-page.tsx';
import { PersonDetailPage } from './pages/person-detail-page.tsx';
import { PersonsPage } from './pages/persons-page.tsx';
import { PolicyParametersPage } from './pages/policy/policy-parameters-page.tsx';
import { PolicySimulationPage } from './pages/policy/policy-simulation-page.tsx';
import { RegionsPage } from './pages/regions-page.tsx';
import { AuditPage } from './pages/system/audit-page.tsx';
import { DictionariesPage } from './pages/system/dictionaries-page.tsx';
import { JobsPage } from './pages/system/jobs-page.tsx';
import { LoginLogPage } from './pages/system/login-log-page.tsx';
import { OnlineUsersPage } from './pages/system/online-users-page.tsx';
import { OrgsPage } from './pages/system/orgs-page.tsx';
import { RatingsPage } from './pages/system/ratings-page.tsx';
import { RolesPage } from './pages/system/roles-page.tsx';
import { SecurityPage } from './pages/system/security-page.tsx';
import { SettingsPage } from './pages/system/settings-page.tsx';
import { UsersPage } from './pages/system/users-page.tsx';
import { WorkbenchPage } from './pages/workbench-page.tsx';

type AntdLocale = NonNullable<ConfigProviderProps['locale']>;

/** antd ships its locales as CJS-typed ESM; depending on the resolver the default export may be wrapped once more. */
function unwrapLocale(mod: unknown): AntdLocale {
  if (typeof mod === 'object' && mod !== null && 'default' in mod && !('locale' in mod)) {
    return unwrapLocale(mod.default);
  }
  return mod as AntdLocale;
}

const zhCN = unwrapLocale(zhCNModule);
const enUS = unwrapLocale(enUSModule);

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // 4xx answers are final; retry network/5xx once.
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 1,
        refetchOnWindowFocus: false,
        staleTime: 15_000,
      },
      mutations: { retry: false },
    },
  });
}

/** Any 401 from the API (outside the login form) sends the user to /login. */
function UnauthorizedRedirect() {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const locationRef = useRef(location);
  locationRef.current = location;

  useEffect(
    () =>
      onUnauthorized(() => {
        const current = locationRef.current;
        if (current.pathname === '/login') return;
        queryClient.cancelQueries().catch(() => undefined);
        navigate('/login', { replace: true, state: { from: `${current.pathname}${current.search}` } });
      }),
    [navigate, queryClient],
  );
  return null;
}

function guard(permission: string, page: ReactNode): ReactNode {
  return <RequirePermission permission={permission}>{page}</RequirePermission>;
}

function AdminRoutes() {
  return (
    <>
      <UnauthorizedRedirect />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="/change-password"
          element={
            <RequireAuth passwordPage>
              <ChangePasswordPage />
            </RequireAuth>
          }
        />
        <Route
          element={
            <RequireAuth>
              <AdminLayout />
            </RequireAuth>
          }
        >
          <Route index element={<WorkbenchPage />} />
          <Route path="cases/:id" element={<CaseDetailPage />} />
          <Route path="regions" element={<RegionsPage />} />
          <Route path="notices" element={<NoticesPage />} />
          <Route path="messages" element={<MessagesPage />} />
          <Route path="persons" element={guard('registry:read', <PersonsPage />)} />
          <Route path="persons/:id" element={guard('registry:read', <PersonDetailPage />)} />
          <Route path="households" element={guard('registry:read', <HouseholdsPage />)} />
          <Route path="households/:id" element={guard('registry:read', <HouseholdDetailPage />)} />
          <Route path="assistance/applications" element={guard('case:read', <AssistanceApplicationsPage />)} />
          <Route path="assistance/applications/new" element={guard('case:act', <AssistanceApplicationNewPage />)} />
          <Route
            path="assistance/applications/:caseId"
            element={guard('case:read', <AssistanceApplicationDetailPage />)}
          />
          <Route path="assistance/statistics" element={guard('case:read', <AssistanceStatisticsPage />)} />
          <Route path="assistance/policy" element={guard('case:read', <PolicyParametersPage />)} />
          <Route path="assistance/simulation" element={guard('case:read', <PolicySimulationPage />)} />
          <Route path="assistance/enrollments" element={guard('case:read', <EnrollmentsPage />)} />
          <Route path="assistance/enrollments/:id" element={guard('case:read', <EnrollmentDetailPage />)} />
          <Route path="assistance/payroll" element={guard('case:read', <PayrollRunsPage />)} />
          <Route path="assistance/payroll/:id" element={guard('case:read', <PayrollRunPage />)} />
          <Route path="monitoring/warnings" element={guard('case:read', <MonitoringWarningsPage />)} />
          <Route path="monitoring/warnings/:id" element={guard('case:read', <MonitoringWarningDetailPage />)} />
          <Route path="monitoring/visits" element={guard('case:read', <MonitoringVisitsPage />)} />
          <Route path="monitoring/rules" element={guard('case:read', <MonitoringRulesPage />)} />
          <Route path="monitoring/flags" element={guard('case:read', <MonitoringFlagsPage />)} />
          <Route path="exchange/catalogue" element={<ExchangeCataloguePage />} />
          <Route path="exchange/batches" element={guard('admin:settings', <ExchangeBatchesPage />)} />
          <Route path="exchange/verify" element={guard('case:act', <ExchangeVerificationPage />)} />
          <Route path="system" element={<Navigate to="/system/users" replace />} />
          <Route path="system/users" element={guard('admin:users', <UsersPage />)} />
          <Route path="system/roles" element={guard('admin:users', <RolesPage />)} />
          <Route path="system/orgs" element={guard('admin:users', <OrgsPage />)} />
          <Route path="system/audit" element={guard('audit:read', <AuditPage />)} />
          <Route path="system/jobs" element={guard('jobs:read', <JobsPage />)} />
          <Route path="system/dictionaries" element={guard('admin:dicts', <DictionariesPage />)} />
          <Route path="system/ratings" element={guard('case:read', <RatingsPage />)} />
          <Route path="system/login-log" element={guard('admin:users', <LoginLogPage />)} />
          <Route path="system/online-users" element={guard('admin:users', <OnlineUsersPage />)} />
          <Route path="system/security" element={<SecurityPage />} />
          <Route path="system/settings" element={guard('admin:settings', <SettingsPage />)} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </>
  );
}

function LocalisedShell({ children }: { children: ReactNode }) {
  const { english } = useLanguage();
  const { t } = useTranslation();
  dayjs.locale(english ? 'en' : 'zh-cn');
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);
  return (
    <ConfigProvider
      locale={english ? enUS : zhCN}
      theme={{
        token: {
          colorPrimary: '#1677ff',
          colorError: '#d4380d',
          borderRadius: 4,
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Hiragino Sans GB', 'Segoe UI', Roboto, sans-serif",
        },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function AdminApp() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <LocalisedShell>
        <BrowserRouter>
          <AdminRoutes />
        </BrowserRouter>
      </LocalisedShell>
    </QueryClientProvider>
  );
}
