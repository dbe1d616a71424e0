import { FieldTimeOutlined, FilePdfOutlined } from '@ant-design/icons';
import { ModalForm, PageContainer, ProDescriptions, ProFormDigit, ProFormTextArea } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Result, Skeleton, Space, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, api, apiUrl, errorText } from '../../../shared/api.ts';
import type { ApplicationDetail } from '../../../shared/assistance-types.ts';
import { formatDate, formatFen } from '../../../shared/format.ts';
import type { CaseAction, CaseDetail } from '../../../shared/types.ts';
import { useLanguage } from '../../../shared/use-language.ts';
import { useCurrentUser } from '../../auth.tsx';
import { useApiErrorHandler } from '../../hooks/use-api-error.ts';
import { CaseActionModal } from '../case-action-modal.tsx';
import { DueCell } from '../workbench-page.tsx';
import { ApplicationDecisionTab } from './application-decision-tab.tsx';
import { ApplicationDocumentsTab } from './application-documents-tab.tsx';
import { ApplicationFactsTab } from './application-facts-tab.tsx';
import { ApplicationHistoryTab } from './application-history-tab.tsx';
import { ApplicationPublicityTab } from './application-publicity-tab.tsx';
import { ApplicationReasonsModal, REASON_ACTIONS } from './application-reasons-modal.tsx';
import { ApplicationVerificationTab } from './application-verification-tab.tsx';

const DANGER_ACTION = /refuse|deny|not_accept|return|withdraw|uphold/i;
const CLOSED = new Set(['approved', 'refused', 'not_accepted']);

/** One application: declared vs verified facts, verification, proposal with its trace, transfers, 公示, documents. */
export function AssistanceApplicationDetailPage() {
  const { caseId = '' } = useParams();
  const { t } = useTranslation();
  const { english } = useLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [pending, setPending] = useState<CaseAction | null>(null);
  const [extending, setExtending] = useState(false);
  const me = useCurrentUser();
  const onError = useApiErrorHandler();

  const detail = useQuery({
    queryKey: ['assistance', 'application', caseId],
    queryFn: ({ signal }) =>
      api.get<ApplicationDetail>(`/assistance/applications/${encodeURIComponent(caseId)}`, undefined, { signal }),
  });
  const kernel = useQuery({
    queryKey: ['case', caseId],
    queryFn: ({ signal }) => api.get<CaseDetail>(`/cases/${encodeURIComponent(caseId)}`, undefined, { signal }),
  });

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['assistance', 'application', caseId] }),
      queryClient.invalidateQueries({ queryKey: ['case', caseId] }),
      queryClient.invalidateQueries({ queryKey: ['assistance', 'notice', caseId] }),
    ]);
  };
  const onConflict = async (err: unknown) => {
    if (!(err instanceof ApiError && err.status === 409)) return false;
    void message.warning(errorText(err, english), 5);
    await refresh();
    return true;
  };

  if (detail.isError) {
    return (
      <PageContainer onBack={() => navigate(-1)} title={t('assistance.detail.title')}>
        <Result status="warning" title={t('common.loadFailed')} subTitle={errorText(detail.error, english)} />
      </PageContainer>
    );
  }
  const a = detail.data;
  if (!a) {
    return (
      <PageContainer title={t('assistance.detail.title')}>
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </PageContainer>
    );
  }
  // 异议成立 goes through the objection's resolution on the 公示 tab (it needs the objection), not a bare action
  const actions = [...(kernel.data?.actions ?? []), ...(kernel.data?.flowActions ?? [])].filter(
    (x) => x.code !== 'uphold_objection',
  );
  const openFindings = a.findings.filter((f) => f.status === 'open').length;

  return (
    <PageContainer
      onBack={() => navigate(-1)}
      title={<span className="hm-mono">{a.caseNo}</span>}
      subTitle={`${a.applicantName} · ${a.regionName.split('/').slice(-2).join(' ')}`}
      tags={[
        <Tag key="state" color="blue" data-testid="application-detail-state">
          {t(`assistance.states.${a.state}`, { defaultValue: a.stateName })}
        </Tag>,
        ...(a.overdue
          ? [
              <Tag key="overdue" color="red">
                {t('common.overdue')}
              </Tag>,
            ]
          : []),
        ...(a.emergency
          ? [
              <Tag key="emergency" color="volcano">
                {t('assistance.form.emergency')}
              </Tag>,
            ]
          : []),
      ]}
      extra={
        <Space wrap data-testid="application-actions">
          {actions.map((action, index) => (
            <Button
              key={action.code}
              data-testid={`case-action-${action.code}`}
              type={index === 0 && !DANGER_ACTION.test(action.code) ? 'primary' : 'default'}
              danger={DANGER_ACTION.test(action.code)}
              onClick={() => setPending(action)}
            >
              {english ? action.nameEn : action.nameZh}
            </Button>
          ))}
          {!CLOSED.has(a.state) &&
            !a.extension &&
            me.roles.some((r) => r.code === 'township_reviewer' || r.code === 'district_approver') && (
              <Button icon={<FieldTimeOutlined />} onClick={() => setExtending(true)} data-testid="application-extend">
                {t('assistance.detail.extend')}
              </Button>
            )}
          {CLOSED.has(a.state) && (
            <Button
              icon={<FilePdfOutlined />}
              href={apiUrl(`/assistance/applications/${a.caseId}/notice.pdf`)}
              target="_blank"
              data-testid="application-notice"
            >
              {t('assistance.detail.notice')}
            </Button>
          )}
        </Space>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <ProDescriptions<ApplicationDetail>
          dataSource={a}
          column={{ xs: 1, sm: 2, lg: 4 }}
          columns={[
            {
              title: t('assistance.list.channel'),
              dataIndex: 'channel',
              render: (_, x) => t(`assistance.channels.${x.channel}`, { defaultValue: x.channel }),
            },
            { title: t('assistance.form.area'), dataIndex: 'area', render: (_, x) => t(`assistance.areas.${x.area}`) },
            {
              title: t('assistance.list.programme'),
              dataIndex: 'programme',
              render: (_, x) =>
                x.programme ? t(`assistance.programmes.${x.programme}`, { defaultValue: x.programme }) : '—',
            },
            {
              title: t('assistance.list.amount'),
              dataIndex: 'amountFen',
              render: (_, x) => (x.amountFen === null ? '—' : `${formatFen(x.amountFen)} ${t('assistance.form.yuan')}`),
            },
            {
              title: t('assistance.list.receivedOn'),
              dataIndex: 'receivedOn',
              render: (_, x) => formatDate(x.receivedOn),
            },
            {
              title: t('assistance.detail.stepDue'),
              dataIndex: 'stepDueOn',
              render: (_, x) => formatDate(x.stepDueOn),
            },
            {
              title: t('assistance.detail.dueOn'),
              dataIndex: 'dueOn',
              render: (_, x) => <DueCell task={{ dueOn: x.dueOn, overdue: x.overdue }} />,
            },
            {
              title: t('assistance.detail.household'),
              dataIndex: 'householdId',
              render: (_, x) => <Link to={`/households/${x.householdId}`}>{t('case.openHousehold')}</Link>,
            },
            ...(a.extension
              ? [
                  {
                    title: t('assistance.detail.extension'),
                    dataIndex: 'extension',
                    render: () => `${a.extension?.days} · ${a.extension?.reason}`,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card size="small">
        <Tabs
          data-testid="application-tabs"
          items={[
            {
              key: 'facts',
              label: t('assistance.detail.tabs.facts'),
              children: <ApplicationFactsTab application={a} />,
            },
            {
              key: 'verification',
              label: `${t('assistance.detail.tabs.verification')}${openFindings > 0 ? ` (${openFindings})` : ''}`,
              children: <ApplicationVerificationTab application={a} onChanged={refresh} />,
            },
            {
              key: 'decision',
              label: t('assistance.detail.tabs.decision'),
              children: <ApplicationDecisionTab application={a} />,
            },
            {
              key: 'publicity',
              label: t('assistance.detail.tabs.publicity'),
              children: <ApplicationPublicityTab application={a} onChanged={refresh} />,
            },
            {
              key: 'documents',
              label: `${t('assistance.detail.tabs.documents')} (${a.documents.length})`,
              children: <ApplicationDocumentsTab application={a} onChanged={refresh} />,
            },
            {
              key: 'history',
              label: t('assistance.detail.tabs.history'),
              children: <ApplicationHistoryTab item={kernel.data} />,
            },
          ]}
        />
      </Card>
      <ModalForm<{ workingDays: number; reason: string }>
        title={t('assistance.detail.extend')}
        open={extending}
        width={480}
        modalProps={{ destroyOnHidden: true, onCancel: () => setExtending(false) }}
        initialValues={{ workingDays: 15 }}
        onFinish={async (values) => {
          try {
            await api.post(`/assistance/applications/${a.caseId}/extension`, { ...values, version: a.version });
            setExtending(false);
            await refresh();
            return true;
          } catch (err) {
            if (!(await onConflict(err))) onError(err);
            return false;
          }
        }}
      >
        <ProFormDigit
          name="workingDays"
          label={t('assistance.detail.extendDays')}
          min={1}
          max={15}
          fieldProps={{ precision: 0 }}
          rules={[{ required: true }]}
        />
        <ProFormTextArea
          name="reason"
          label={t('assistance.detail.extendReason')}
          rules={[{ required: true, min: 2 }]}
        />
      </ModalForm>
      {kernel.data && pending && REASON_ACTIONS.has(pending.code) ? (
        <ApplicationReasonsModal
          item={kernel.data}
          action={pending}
          onClose={() => setPending(null)}
          onDone={refresh}
          onConflict={onConflict}
        />
      ) : (
        kernel.data && (
          <CaseActionModal
            item={kernel.data}
            action={pending}
            onClose={() => setPending(null)}
            onDone={refresh}
            onConflict={onConflict}
          />
        )
      )}
    </PageContainer>
  );
}
