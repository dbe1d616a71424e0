import { LockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../shared/api.ts';
import { ME_QUERY_KEY, useCurrentUser } from '../auth.tsx';
import { LangSwitch } from '../components/lang-switch.tsx';
import { useApiErrorHandler } from '../hooks/use-api-error.ts';
import { Logo } from '../layout.tsx';

interface PasswordValues {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [form] = Form.useForm<PasswordValues>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const onError = useApiErrorHandler();
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async ({ oldPassword, newPassword }: PasswordValues) => {
    setSubmitting(true);
    try {
      await api.post<{ ok: boolean }>('/auth/password', { oldPassword, newPassword });
      void message.success(t('password.changed'));
      await queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
      // An administrator who must still set up TOTP goes there next; everyone else to the workbench.
      navigate(me.mustEnrolTotp ? '/system/security' : '/', { replace: true });
    } catch (err) {
      onError(err, form);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="hm-login" style={{ alignItems: 'center', justifyContent: 'center', position: 'relative' }}>
      <div className="hm-login-top">
        <LangSwitch />
      </div>
      <Card style={{ width: 440, maxWidth: '92vw' }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 16 }}>
          <Logo />
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('password.title')}
          </Typography.Title>
        </div>
        {me.mustChangePassword && (
          <Alert
            data-testid="password-hint"
            type={me.passwordExpired ? 'warning' : 'info'}
            showIcon
            message={me.passwordExpired ? t('password.expired') : t('password.hint')}
            style={{ marginBottom: 24 }}
          />
        )}
        <Form<PasswordValues> form={form} layout="vertical" onFinish={onFinish}>
          <Form.Item
            name="oldPassword"
            label={t('password.old')}
            rules={[{ required: true, message: t('password.required') }]}
          >
            <Input.Password data-testid="password-old" prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            dependencies={['oldPassword']}
            rules={[
              { required: true, message: t('password.required') },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) =>
                  value && value === getFieldValue('oldPassword')
                    ? Promise.reject(new Error(t('password.sameAsOld')))
                    : Promise.resolve(),
              }),
            ]}
          >
            <Input.Password data-testid="password-new" prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('password.required') },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('password.mismatch'))),
              }),
            ]}
          >
            <Input.Password data-testid="password-confirm" prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          <Button data-testid="password-submit" type="primary" htmlType="submit" block loading={submitting}>
            {t('password.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
