import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  DotLoading,
  ErrorBlock,
  ImageUploader,
  type ImageUploadItem,
  List,
  NavBar,
  Steps,
  Tag,
  Toast,
} from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { API_BASE, ApiError, api, errorText } from '../../shared/api.ts';
import type { PortalApplicationProgress, PortalProgressStep } from '../../shared/assistance-types.ts';
import { formatDate, formatDateTime, formatFen } from '../../shared/format.ts';
import { useLanguage } from '../../shared/use-language.ts';
import { uploadPortalDocument } from './portal-files.ts';
import './assistance.css';

/** Refetch while the case is open, so the resident sees each step as staff act ("实时进度"). */
const LIVE_MS = 20_000;

const STEP_STATUS: Record<PortalProgressStep['status'], 'finish' | 'process' | 'wait' | 'error'> = {
  done: 'finish',
  current: 'process',
  pending: 'wait',
  skipped: 'wait',
  failed: 'error',
};

/** 办理进度: each step with its organisation and due date, the decision and the PDF notice. */
export function PortalProgressPage() {
  const { caseId = '' } = useParams();
  const { t } = useTranslation();
  const { english } = useLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState<ImageUploadItem[]>([]);
  const query = useQuery({
    queryKey: ['portal', 'assistance', 'application', caseId],
    queryFn: ({ signal }) =>
      api.get<PortalApplicationProgress>(`/portal/assistance/applications/${encodeURIComponent(caseId)}`, undefined, {
        signal,
        skipAuthRedirect: true,
      }),
    refetchInterval: (q) => (q.state.data && !q.state.data.noticeAvailable ? LIVE_MS : false),
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
    return (
      <div className="pm-page">
        <NavBar onBack={() => navigate('/')}>{t('assistance.portal.progressTitle')}</NavBar>
        <ErrorBlock status="default" title={t('common.loadFailed')} description={errorText(query.error, english)} />
      </div>
    );
  }
  const p = query.data;
  const current = Math.max(
    0,
    p.steps.findIndex((s) => s.status === 'current' || s.status === 'failed'),
  );

  const upload = async (file: File): Promise<ImageUploadItem> => {
    try {
      await uploadPortalDocument(p.caseId, 'other', file);
      Toast.show({ icon: 'success', content: t('assistance.portal.uploaded') });
      await queryClient.invalidateQueries({ queryKey: ['portal', 'assistance', 'application', caseId] });
      return { url: URL.createObjectURL(file) };
    } catch (err) {
      Toast.show({ icon: 'fail', content: errorText(err, english) });
      throw err;
    }
  };

  return (
    <div className="pm-page" data-testid="portal-progress">
      <NavBar onBack={() => navigate('/')}>{t('assistance.portal.progressTitle')}</NavBar>
      <section className="pm-card pm-card-flat">
        <div className="pm-identity-row">
          <span className="pm-mono">{p.caseNo}</span>
          <Tag
            color={p.state === 'approved' ? 'success' : p.decision ? 'danger' : 'primary'}
            fill="outline"
            style={{ fontSize: 15 }}
            data-testid="progress-state"
          >
            {english ? p.stateNameEn : p.stateName}
          </Tag>
        </div>
        <div className="pm-tip" style={{ margin: 0 }}>
          {t('portal.receivedOn')} {formatDate(p.receivedOn)} · {t('assistance.portal.dueBy')} {formatDate(p.dueOn)}
        </div>
      </section>

      {p.decision && (
        <section className="pm-card pm-card-flat" data-testid="progress-decision">
          <h2 className="pm-section-title">{t('assistance.portal.decisionTitle')}</h2>
          {p.decision.outcome === 'approved' ? (
            <>
              {p.decision.granted.map((g) => (
                <div key={g.programme} className="pm-identity-row">
                  <span>{english ? g.programmeNameEn : g.programmeName}</span>
                  {g.amountFen !== null && (
                    <span>{t('assistance.portal.perMonth', { amount: formatFen(g.amountFen) })}</span>
                  )}
                </div>
              ))}
              <div style={{ marginTop: 8 }}>
                <span className="pm-amount" data-testid="progress-amount">
                  {formatFen(p.decision.monthlyTotalFen)}
                </span>{' '}
                {t('assistance.portal.yuanPerMonth')}
              </div>
              {p.decision.startMonth && (
                <div className="pm-tip">{t('assistance.portal.startMonth', { month: p.decision.startMonth })}</div>
              )}
            </>
          ) : (
            <List>
              {p.decision.reasons.map((r) => (
                <List.Item key={r}>{r}</List.Item>
              ))}
            </List>
          )}
          {p.noticeAvailable && (
            <Button
              block
              color="primary"
              fill="outline"
              style={{ marginTop: 12 }}
              data-testid="progress-notice"
              onClick={() => {
                window.open(
                  `${API_BASE}/portal/assistance/applications/${encodeURIComponent(p.caseId)}/notice.pdf`,
                  '_blank',
                );
              }}
            >
              {t('assistance.portal.notice')}
            </Button>
          )}
        </section>
      )}

      <section className="pm-card pm-card-flat">
        <h2 className="pm-section-title">{t('assistance.portal.stepsTitle')}</h2>
        <Steps direction="vertical" current={current} data-testid="progress-steps">
          {p.steps.map((s) => (
            <Steps.Step
              key={s.key}
              status={STEP_STATUS[s.status]}
              title={english ? s.nameEn : s.nameZh}
              description={
                <div data-testid={`progress-step-${s.key}`}>
                  <div className="pm-step-org">{s.organisation}</div>
                  {s.doneAt && (
                    <div className="pm-step-due">{t('assistance.portal.doneAt', { at: formatDateTime(s.doneAt) })}</div>
                  )}
                  {!s.doneAt && s.dueOn && s.status !== 'skipped' && (
                    <div className={s.overdue ? 'pm-overdue' : 'pm-step-due'}>
                      {t('assistance.portal.dueOn', { date: formatDate(s.dueOn) })}
                    </div>
                  )}
                  {s.note && <div className="pm-step-due">{s.note}</div>}
                </div>
              }
            />
          ))}
        </Steps>
      </section>

      <section className="pm-card pm-card-flat">
        <h2 className="pm-section-title">{t('assistance.portal.documentsTitle')}</h2>
        <List>
          {p.documents.map((d) => (
            <List.Item key={d.id} extra={t(`assistance.documentKinds.${d.kind}`, { defaultValue: d.kind })}>
              {d.fileName}
            </List.Item>
          ))}
        </List>
        {p.canUpload && (
          <>
            <div className="pm-tip">{t('assistance.portal.moreDocuments')}</div>
            <ImageUploader value={uploading} onChange={setUploading} upload={upload} accept="image/*,application/pdf" />
          </>
        )}
      </section>
      <footer className="pm-footer">{t('assistance.portal.liveHint')}</footer>
    </div>
  );
}
