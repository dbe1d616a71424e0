import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, errorText, fieldErrors } from '../shared/api.ts';
import { useLanguage } from '../shared/use-language.ts';
import { PortalBrand, PortalLangSwitch } from './brand.tsx';
import { MobileInput } from './mobile-input.tsx';

interface PortalLoginValues {
  idNumber: string;
  phone: string;
  code: string;
}

const ID_NUMBER = /^\d{17}[\dXx]$/;
const PHONE = /^1\d{10}$/;
const RESEND_SECONDS = 60;

export function PortalLoginPage() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PortalLoginValues>();
  const [countdown, setCountdown] = useState(0);
  const [sending, setSending] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    if (countdown <= 0) return;
    const timer = window.setTimeout(() => setCountdown((s) => s - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [countdown]);

  const showError = (err: unknown) => {
    const fields = fieldErrors(err, english);
    if (fields.length > 0) form.setFields(fields);
    Toast.show({ icon: 'fail', content: errorText(err, english), duration: 3000 });
  };

  const sendCode = async () => {
    let values: Pick<PortalLoginValues, 'idNumber' | 'phone'>;
    try {
      values = await form.validateFields(['idNumber', 'phone']);
    } catch {
      Toast.show({ content: t('portal.fillFirst') });
      return;
    }
    setSending(true);
    try {
      await api.post<{ sent: boolean }>(
        '/portal/otp',
        { idNumber: values.idNumber.trim().toUpperCase(), phone: values.phone.trim() },
        { skipAuthRedirect: true },
      );
      setCountdown(RESEND_SECONDS);
      Toast.show({ icon: 'success', content: t('portal.codeSent') });
    } catch (err) {
      showError(err);
    } finally {
      setSending(false);
    }
  };

  const onFinish = async (values: PortalLoginValues) => {
    setSubmitting(true);
    try {
      await api.post(
        '/portal/login',
        { idNumber: values.idNumber.trim().toUpperCase(), phone: values.phone.trim(), code: values.code.trim() },
        { skipAuthRedirect: true },
      );
      queryClient.clear();
      navigate('/', { replace: true });
    } catch (err) {
      showError(err);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="pm-page">
      <header className="pm-hero">
        <PortalLangSwitch />
        <PortalBrand />
      </header>
      <main className="pm-card pm-login-card">
        <h2 className="pm-section-title">{t('portal.loginTitle')}</h2>
        <Form
          form={form}
          layout="vertical"
          onFinish={onFinish}
          requiredMarkStyle="none"
          footer={
            <Button
              block
              type="submit"
              color="primary"
              size="large"
              loading={submitting}
              data-testid="portal-login-submit"
            >
              {t('portal.login')}
            </Button>
          }
        >
          <Form.Item
            name="idNumber"
            label={t('portal.idNumber')}
            rules={[
              { required: true, message: t('portal.required') },
              { pattern: ID_NUMBER, message: t('portal.idNumberInvalid') },
            ]}
          >
            <MobileInput
              testId="portal-id-number"
              placeholder={t('portal.idNumberPlaceholder')}
              maxLength={18}
              autoComplete="off"
              clearable
            />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('portal.phone')}
            rules={[
              { required: true, message: t('portal.required') },
              { pattern: PHONE, message: t('portal.phoneInvalid') },
            ]}
          >
            <MobileInput
              testId="portal-phone"
              type="tel"
              inputMode="numeric"
              placeholder={t('portal.phonePlaceholder')}
              maxLength={11}
              autoComplete="tel"
              clearable
            />
          </Form.Item>
          <Form.Item
            name="code"
            label={t('portal.code')}
            rules={[{ required: true, message: t('portal.required') }]}
            extra={
              <Button
                size="small"
                color="primary"
                fill="outline"
                disabled={countdown > 0}
                loading={sending}
                onClick={sendCode}
                data-testid="portal-send-otp"
              >
                {countdown > 0 ? t('portal.resend', { s: countdown }) : t('portal.sendCode')}
              </Button>
            }
          >
            <MobileInput
              testId="portal-code"
              inputMode="numeric"
              autoComplete="one-time-code"
              placeholder={t('portal.codePlaceholder')}
              maxLength={8}
            />
          </Form.Item>
        </Form>
        <p className="pm-tip">{t('portal.loginTip')}</p>
      </main>
      <footer className="pm-footer">{t('app.footer')}</footer>
    </div>
  );
}
