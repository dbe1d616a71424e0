import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  DotLoading,
  Empty,
  ErrorBlock,
  List,
  NavBar,
  Selector,
  Switch,
  Tag,
  TextArea,
  Toast,
} from 'antd-mobile';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { ApiError, api, errorText, newIdempotencyKey } from '../../shared/api.ts';
import type { PortalEnrollments } from '../../shared/assistance-types.ts';
import { formatDateTime, formatFen } from '../../shared/format.ts';
import { useLanguage } from '../../shared/use-language.ts';
import { MobileInput } from '../mobile-input.tsx';
import { postOnce, yuanToFen } from './portal-files.ts';
import './assistance.css';

const CHANGES = ['members', 'income', 'assets', 'address', 'health', 'employment', 'other'] as const;

/** 定期报告 / 变更报告: an enrolled household reports its situation from the phone. */
export function PortalReportsPage() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const key = useRef(newIdempotencyKey());
  const [enrollmentId, setEnrollmentId] = useState<string | undefined>();
  const [kind, setKind] = useState<'periodic' | 'change'>('periodic');
  const [changes, setChanges] = useState<string[]>([]);
  const [summary, setSummary] = useState('');
  const [income, setIncome] = useState('');
  const [phoneChanged, setPhoneChanged] = useState(false);
  const [sending, setSending] = useState(false);
  const query = useQuery({
    queryKey: ['portal', 'assistance', 'enrollments'],
    queryFn: ({ signal }) =>
      api.get<PortalEnrollments>('/portal/assistance/enrollments', undefined, { signal, skipAuthRedirect: true }),
  });
  if (query.isPending) {
    return (
      <div className="pm-page pm-center">
        <DotLoading color="primary" />
      </div>
    );
  }
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 401) return <Navigate to="/login" replace />;
    return <ErrorBlock status="default" title={t('common.loadFailed')} description={errorText(query.error, english)} />;
  }
  const open = query.data.items.filter((e) => e.status !== 'exited');
  const chosen = enrollmentId ?? open[0]?.id;

  const send = async () => {
    const incomeFen = yuanToFen(income);
    if (!chosen) return;
    if (summary.trim().length < 2) {
      Toast.show({ icon: 'fail', content: t('assistance.reports.summaryRequired') });
      return;
    }
    if (incomeFen === null) {
      Toast.show({ icon: 'fail', content: t('assistance.portal.badAmount') });
      return;
    }
    setSending(true);
    try {
      await postOnce(
        '/portal/assistance/reports',
        {
          enrollmentId: chosen,
          kind,
          summary: summary.trim(),
          changes: kind === 'change' ? changes : [],
          ...(income.trim() !== '' ? { monthlyIncomeFen: incomeFen } : {}),
          phoneChanged,
        },
        key.current,
      );
      key.current = newIdempotencyKey();
      setSummary('');
      setChanges([]);
      setIncome('');
      Toast.show({ icon: 'success', content: t('assistance.reports.sent') });
      await queryClient.invalidateQueries({ queryKey: ['portal', 'assistance', 'enrollments'] });
    } catch (err) {
      Toast.show({ icon: 'fail', content: errorText(err, english) });
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="pm-page" data-testid="portal-reports">
      <NavBar onBack={() => navigate('/')}>{t('assistance.reports.title')}</NavBar>
      <section className="pm-card pm-card-flat">
        <h2 className="pm-section-title">{t('assistance.reports.enrollments')}</h2>
        {open.length === 0 ? (
          <Empty description={t('assistance.reports.none')} />
        ) : (
          <Selector
            columns={1}
            value={chosen ? [chosen] : []}
            onChange={(v) => v[0] && setEnrollmentId(v[0])}
            options={open.map((e) => ({
              value: e.id,
              label: (
                <span>
                  {english ? e.programmeNameEn : e.programmeName} ·{' '}
                  {t('assistance.portal.perMonth', { amount: formatFen(e.amountFen) })}
                  <span className="pm-tip"> {t('assistance.reports.since', { month: e.startMonth })}</span>
                </span>
              ),
            }))}
          />
        )}
      </section>
      {chosen && (
        <section className="pm-card pm-card-flat">
          <Selector
            columns={2}
            value={[kind]}
            onChange={(v) => v[0] && setKind(v[0])}
            options={(['periodic', 'change'] as const).map((k) => ({
              value: k,
              label: t(`assistance.reports.kinds.${k}`),
            }))}
          />
          {kind === 'change' && (
            <>
              <div style={{ margin: '12px 0 4px' }}>{t('assistance.reports.whatChanged')}</div>
              <Selector
                multiple
                columns={3}
                value={changes}
                onChange={setChanges}
                options={CHANGES.map((c) => ({ value: c, label: t(`assistance.reports.changes.${c}`) }))}
              />
            </>
          )}
          <div style={{ margin: '12px 0 4px' }}>{t('assistance.reports.summary')}</div>
          <TextArea
            value={summary}
            onChange={setSummary}
            rows={3}
            maxLength={2000}
            showCount
            placeholder={t(
              kind === 'periodic' ? 'assistance.reports.periodicPlaceholder' : 'assistance.reports.changePlaceholder',
            )}
          />
          <List>
            <List.Item
              title={t('assistance.reports.income')}
              extra={<MobileInput value={income} onChange={setIncome} inputMode="decimal" placeholder="0" clearable />}
            />
            <List.Item extra={<Switch checked={phoneChanged} onChange={setPhoneChanged} />}>
              {t('assistance.reports.phoneChanged')}
            </List.Item>
          </List>
          <Button block color="primary" size="large" loading={sending} onClick={send} data-testid="report-submit">
            {t('assistance.reports.submit')}
          </Button>
        </section>
      )}
      {query.data.reports.length > 0 && (
        <section className="pm-card pm-card-flat">
          <h2 className="pm-section-title">{t('assistance.reports.history')}</h2>
          <List>
            {query.data.reports.map((r) => (
              <List.Item
                key={r.id}
                description={formatDateTime(r.submittedAt)}
                extra={
                  <Tag fill="outline">{t(`assistance.reports.status.${r.status}`, { defaultValue: r.status })}</Tag>
                }
              >
                {t(`assistance.reports.kinds.${r.kind}`)}
                {r.period ? ` ${r.period}` : ''}
              </List.Item>
            ))}
          </List>
        </section>
      )}
      <footer className="pm-footer">{t('app.footer')}</footer>
    </div>
  );
}
