import { KeyOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, QRCode, Space, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../../shared/api.ts';
import { formatDateTime } from '../../../shared/format.ts';
import type { TotpEnrolment, TotpStatus } from '../../../shared/types.ts';
import { ME_QUERY_KEY, useCurrentUser } from '../../auth.tsx';
import { useApiErrorHandler } from '../../hooks/use-api-error.ts';

const TOTP_QUERY_KEY = ['auth', 'totp'] as const;
const CODE_RULE = /^\d{6}$/;

/** The signed-in user's own account security: password age and the TOTP second factor (动态口令). */
export function SecurityPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message, modal } = App.useApp();
  const onError = useApiErrorHandler();
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: TOTP_QUERY_KEY,
    queryFn: ({ signal }) => api.get<TotpStatus>('/auth/totp', undefined, { signal }),
  });
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ code: string }>();

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: TOTP_QUERY_KEY });
    await queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
  };

  const start = async () => {
    setBusy(true);
    try {
      setEnrolment(await api.post<TotpEnrolment>('/auth/totp/enrol'));
      form.resetFields();
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  const activate = async ({ code }: { code: string }) => {
    setBusy(true);
    try {
      await api.post('/auth/totp/activate', { code });
      setEnrolment(null);
      void message.success(t('security.enabled'));
      await refresh();
    } catch (err) {
      onError(err, form);
    } finally {
      setBusy(false);
    }
  };

  const disable = () => {
    let code = '';
    modal.confirm({
      title: t('security.disableTitle'),
      content: (
        <Input
          data-testid="totp-disable-code"
          inputMode="numeric"
          maxLength={6}
          placeholder={t('security.codePlaceholder')}
          onChange={(e) => {
            code = e.target.value.trim();
          }}
        />
      ),
      okButtonProps: { danger: true },
      onOk: async () => {
        if (!CODE_RULE.test(code)) {
          void message.error(t('security.codeRule'));
          throw new Error('code');
        }
        try {
          await api.post('/auth/totp/disable', { code });
          void message.success(t('security.disabled'));
          await refresh();
        } catch (err) {
          onError(err);
          throw err;
        }
      },
    });
  };

  const s = status.data;
  const stateTag = !s ? null : s.enabled ? (
    <Tag color="green">{t('security.stateOn')}</Tag>
  ) : s.pending || enrolment ? (
    <Tag color="gold">{t('security.statePending')}</Tag>
  ) : (
    <Tag>{t('security.stateOff')}</Tag>
  );

  return (
    <PageContainer title={t('security.title')}>
      {me.mustEnrolTotp && (
        <Alert
          data-testid="totp-required-alert"
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('security.mustEnrol')}
        />
      )}
      <Card
        title={
          <Space>
            <SafetyCertificateOutlined />
            {t('security.totpTitle')}
            <span data-testid="totp-state" data-enabled={String(Boolean(s?.enabled))}>
              {stateTag}
            </span>
          </Space>
        }
        loading={status.isPending}
        style={{ marginBottom: 16 }}
      >
        <Typography.Paragraph type="secondary">{t('security.totpIntro')}</Typography.Paragraph>
        {s?.required && !s.enabled && <Typography.Paragraph>{t('security.requiredNote')}</Typography.Paragraph>}
        {s?.enabled ? (
          <Space>
            <Typography.Text>{t('security.enabledNote')}</Typography.Text>
            {!s.required && (
              <Button danger data-testid="totp-disable" onClick={disable}>
                {t('security.disable')}
              </Button>
            )}
          </Space>
        ) : enrolment ? (
          <>
            <Steps
              size="small"
              current={1}
              style={{ maxWidth: 640, marginBottom: 24 }}
              items={[{ title: t('security.step1') }, { title: t('security.step2') }, { title: t('security.step3') }]}
            />
            <Space align="start" size={32} wrap>
              <QRCode data-testid="totp-qr" value={enrolment.otpauthUri} size={180} />
              <div style={{ maxWidth: 380 }}>
                <Typography.Paragraph>{t('security.scan')}</Typography.Paragraph>
                <Typography.Paragraph>
                  {t('security.manual')}
                  <br />
                  <Typography.Text code copyable data-testid="totp-secret">
                    {enrolment.secret}
                  </Typography.Text>
                </Typography.Paragraph>
                <Form<{ code: string }> form={form} layout="inline" onFinish={activate}>
                  <Form.Item
                    name="code"
                    rules={[{ required: true, pattern: CODE_RULE, message: t('security.codeRule') }]}
                  >
                    <Input
                      data-testid="totp-code"
                      inputMode="numeric"
                      autoComplete="one-time-code"
                      maxLength={6}
                      placeholder={t('security.codePlaceholder')}
                      style={{ width: 160 }}
                    />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={busy} data-testid="totp-activate">
                    {t('security.activate')}
                  </Button>
                </Form>
              </div>
            </Space>
          </>
        ) : (
          <Button type="primary" icon={<KeyOutlined />} loading={busy} onClick={start} data-testid="totp-enrol">
            {t('security.enrol')}
          </Button>
        )}
      </Card>
      <Card title={t('security.passwordTitle')}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('security.passwordExpiresAt')}>
            {me.passwordExpiresAt ? formatDateTime(me.passwordExpiresAt) : t('security.never')}
          </Descriptions.Item>
        </Descriptions>
        <Link to="/change-password">
          <Button style={{ marginTop: 12 }}>{t('password.title')}</Button>
        </Link>
      </Card>
    </PageContainer>
  );
}
