import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, type ConfigProviderProps } from 'antd';
import enUSModule from 'antd/es/locale/en_US.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { lazy, type ReactNode, useEffect, useRef, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { ApiError, onUnauthorized } from '../shared/api.ts';
import { useLanguage } from '../shared/use-language.ts';
import { RequireAuth, RequirePermission } from './auth.tsx';
import { AdminLayout } from './layout.tsx';
import { ChangePasswordPage } from './pages/change-password-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
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

const CaseDetailPage = lazy(() => import('./pages/case-detail-page.tsx').then((m) => ({ default: m.CaseDetailPage })));
const RegionsPage = lazy(() => import('./pages/regions-page.tsx').then((m) => ({ default: m.RegionsPage })));
const PersonsPage = lazy(() => import('./pages/persons-page.tsx').then((m) => ({ default: m.PersonsPage })));
const PersonDetailPage = lazy(() =>
  import('./pages/person-detail-page.tsx').then((m) => ({ default: m.PersonDetailPage })),
);
const HouseholdsPage = lazy(() => import('./pages/households-page.tsx').then((m) => ({ default: m.HouseholdsPage })));
const HouseholdDetailPage = lazy(() =>
  import('./pages/household-detail-page.tsx').then((m) => ({ default: m.HouseholdDetailPage })),
);
const UsersPage = lazy(() => import('./pages/system/users-page.tsx').then((m) => ({ default: m.UsersPage })));
const RolesPage = lazy(() => import('./pages/system/roles-page.tsx').then((m) => ({ default: m.RolesPage })));
const OrgsPage = lazy(() => import('./pages/system/orgs-page.tsx').then((m) => ({ default: m.OrgsPage })));
const AuditPage = lazy(() => import('./pages/system/audit-page.tsx').then((m) => ({ default: m.AuditPage })));
const JobsPage = lazy(() => import('./pages/system/jobs-page.tsx').then((m) => ({ default: m.JobsPage })));

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
          <Route path="persons" element={guard('registry:read', <PersonsPage />)} />
          <Route path="persons/:id" element={guard('registry:read', <PersonDetailPage />)} />
          <Route path="households" element={guard('registry:read', <HouseholdsPage />)} />
          <Route path="households/:id" element={guard('registry:read', <HouseholdDetailPage />)} />
          <Route path="system" element={<Navigate to="/system/users" replace />} />
          <Route path="system/users" element={guard('admin:users', <UsersPage />)} />
          <Route path="system/roles" element={guard('admin:users', <RolesPage />)} />
          <Route path="system/orgs" element={guard('admin:users', <OrgsPage />)} />
          <Route path="system/audit" element={guard('audit:read', <AuditPage />)} />
          <Route path="system/jobs" element={guard('jobs:read', <JobsPage />)} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </>
  );
}

function LocalisedShell({ children }: { children: ReactNode }) {
  const { english } = useLanguage();
  dayjs.locale(english ? 'en' : 'zh-cn');
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
