import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Result, Spin } from 'antd';
import { createContext, type ReactNode, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError, api, errorText } from '../shared/api.ts';
import type { Me } from '../shared/types.ts';
import { useLanguage } from '../shared/use-language.ts';

export const ME_QUERY_KEY = ['me'] as const;

export function useMe() {
  return useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: ({ signal }) => api.get<Me>('/auth/me', undefined, { signal }),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

const MeContext = createContext<Me | null>(null);

/** The signed-in user (only inside <RequireAuth>). */
export function useCurrentUser(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useCurrentUser() outside <RequireAuth>');
  return me;
}

export function hasPermission(me: Me | null | undefined, permission: string): boolean {
  return Boolean(me?.permissions.includes(permission));
}

function FullPageSpin() {
  return (
    <div style={{ height: '100vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/**
 * Loads GET /auth/me; unauthenticated → /login, must change password → /change-password.
 * `allowPasswordChange` is set on the change-password route itself.
 */
export function RequireAuth({ children, passwordPage = false }: { children: ReactNode; passwordPage?: boolean }) {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const location = useLocation();
  const me = useMe();

  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    if (me.error instanceof ApiError && (me.error.status === 401 || me.error.status === 403)) {
      return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
    }
    return (
      <Result
        status="error"
        title={t('common.loadFailed')}
        subTitle={errorText(me.error, english)}
        extra={
          <Button type="primary" onClick={() => void me.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (me.data.mustChangePassword && !passwordPage) return <Navigate to="/change-password" replace />;
  return <MeContext.Provider value={me.data}>{children}</MeContext.Provider>;
}

/** Renders a 403 result unless the user has the permission. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  if (!hasPermission(me, permission)) {
    return (
      <Result
        status="403"
        title={t('common.forbidden')}
        subTitle={t('common.forbiddenDesc')}
        extra={
          <Link to="/">
            <Button type="primary">{t('common.backHome')}</Button>
          </Link>
        }
      />
    );
  }
  return <>{children}</>;
}

export function useLogout(): { logout: () => void; pending: boolean } {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { t } = useTranslation();
  const mutation = useMutation({
    mutationFn: () => api.post<{ ok: boolean }>('/auth/logout', undefined, { skipAuthRedirect: true }),
    onSettled: () => {
      queryClient.clear();
      void message.success(t('common.loggedOut'));
      navigate('/login', { replace: true });
    },
  });
  return { logout: () => mutation.mutate(), pending: mutation.isPending };
}
