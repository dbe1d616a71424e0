import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { ApiError } from '../shared/api.ts';
import { PortalApplyPage } from './assistance/apply-page.tsx';
import { PortalProgressPage } from './assistance/progress-page.tsx';
import { PublicityPublicPage } from './assistance/publicity-page.tsx';
import { PortalReportsPage } from './assistance/reports-page.tsx';
import { PortalHomePage } from './home-page.tsx';
import { PortalLoginPage } from './login-page.tsx';

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 1,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

/** Resident portal 掌上办, served by the server at /m/ (router basename '/m'). */
export function PortalApp() {
  const [queryClient] = useState(createQueryClient);
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.portalTitle');
  }, [t]);
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter basename="/m">
        <Routes>
          <Route path="/login" element={<PortalLoginPage />} />
          <Route path="/" element={<PortalHomePage />} />
          <Route path="/assistance/apply" element={<PortalApplyPage />} />
          <Route path="/assistance/applications/:caseId" element={<PortalProgressPage />} />
          <Route path="/assistance/reports" element={<PortalReportsPage />} />
          <Route path="/publicity/:village" element={<PublicityPublicPage />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
