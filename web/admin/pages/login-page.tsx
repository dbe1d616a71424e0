import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiError, api, errorText } from '../../shared/api.ts';
import type { Me } from '../../shared/types.ts';
import { useLanguage } from '../../shared/use-language.ts';
import { ME_QUERY_KEY } from '../auth.tsx';
import { LangSwitch } from '../components/lang-switch.tsx';
import { Logo } from '../layout.tsx';

interface LoginValues {
  username: string;
  password: string;
  /** Asked for only after the server answered auth.totp_required (the user has an authenticator app). */
  totpCode?: string;
}

function redirectTarget(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state && typeof state.from === 'string') {
    const from = state.from;
    if (from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login')) return from;
  }
  return '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<LoginValues>();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<{ status: number; text: string } | null>(null);
  const [askTotp, setAskTotp] = useState(false);

  useEffect(() => {
    // A fresh sign-in never reuses data cached for a previous session.
    queryClient.clear();
  }, [queryClient]);

  const onFinish = async (values: LoginValues) => {
    setSubmitting(true);
    setError(null);
    try {
      const { user } = await api.post<{ user: Me }>('/auth/login', values, { skipAuthRedirect: true });
      queryClient.setQueryData(ME_QUERY_KEY, user);
      if (user.mustChangePassword) {
        navigate('/change-password', { replace: true });
      } else if (user.mustEnrolTotp) {
        navigate('/system/security', { replace: true });
      } else {
        navigate(redirectTarget(location.state), { replace: true });
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'auth.totp_required') {
        // The password was right; the same form now asks for the authenticator code and is sent again with it.
        setAskTotp(true);
        return;
      }
      const status = err instanceof ApiError ? err.status : 0;
      let text = errorText(err, english);
      if (err instanceof ApiError && !(english ? err.message_en : err.message_zh)) {
        if (status === 401) text = t('login.invalid');
        if (status === 423) text = t('login.locked');
      }
      setError({ status, text });
      void message.error(text);
      if (err instanceof ApiError && err.code === 'auth.otp_invalid') {
        form.setFieldValue('totpCode', '');
      } else {
        form.setFieldValue('password', '');
        form.setFieldValue('totpCode', undefined);
        setAskTotp(false);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="hm-login">
      <div className="hm-login-banner">
        <Logo />
        <h1>{t('app.title')}</h1>
        <p>{t('login.slogan')}</p>
        <p style={{ opacity: 0.75, fontSize: 14, marginTop: 24 }}>{t('login.features')}</p>
      </div>
      <div className="hm-login-panel" style={{ position: 'relative' }}>
        <div className="hm-login-top">
          <LangSwitch />
        </div>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          惠民 · 智慧民政平台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 32 }}>
          {t('login.welcome')}
        </Typography.Paragraph>
        {error && (
          <Alert
            data-testid="login-error"
            data-status={error.status}
            type={error.status === 423 ? 'warning' : 'error'}
            showIcon
            message={error.text}
            style={{ marginBottom: 24 }}
          />
        )}
        <Form<LoginValues> form={form} layout="vertical" size="large" onFinish={onFinish} autoComplete="on">
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input
              data-testid="login-username"
              prefix={<UserOutlined />}
              autoComplete="username"
              placeholder={t('login.username')}
              autoFocus
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password
              data-testid="login-password"
              prefix={<LockOutlined />}
              autoComplete="current-password"
              placeholder={t('login.password')}
            />
          </Form.Item>
          {askTotp && (
            <Form.Item
              name="totpCode"
              label={t('login.totp')}
              extra={t('login.totpHint')}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpRequired') }]}
            >
              <Input
                data-testid="login-totp"
                prefix={<SafetyOutlined />}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                placeholder="000000"
                autoFocus
              />
            </Form.Item>
          )}
          <Form.Item style={{ marginTop: 32 }}>
            <Button data-testid="login-submit" type="primary" htmlType="submit" block loading={submitting}>
              {t('login.submit')}
            </Button>
          </Form.Item>
        </Form>
        <Typography.Link href="/m/" type="secondary" style={{ textAlign: 'center', display: 'block' }}>
          {t('login.portalLink')}
        </Typography.Link>
      </div>
    </div>
  );
}
