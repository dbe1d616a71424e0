import {
  ModalForm,
  PageContainer,
  ProFormDatePicker,
  ProFormSelect,
  ProFormText,
  ProFormTextArea,
} from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Space, Spin, Table, Tag, Timeline } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, errorText } from '../../../shared/api.ts';
import { formatDate, formatFen } from '../../../shared/format.ts';
import { testId } from '../../../shared/test-id.ts';
import { useLanguage } from '../../../shared/use-language.ts';
import { hasPermission, useCurrentUser } from '../../auth.tsx';
import { useApiErrorHandler } from '../../hooks/use-api-error.ts';
import { DueCell } from '../workbench-page.tsx';
import { type MonitoringWarningDetail, SEVERITY_COLORS, STATUS_COLORS } from './monitoring-types.ts';
import { useMonitoringRules } from './use-rule-names.ts';

interface NoteValues {
  kind: 'visit' | 'note';
  visitedOn?: Dayjs | string;
  note: string;
}

interface CloseValues {
  outcome: 'visited' | 'assistance_started' | 'dismissed';
  visitedOn?: Dayjs | string;
  note: string;
  caseId?: string;
}

const dateValue = (v: Dayjs | string | undefined) =>
  v === undefined ? undefined : typeof v === 'string' ? v : v.format('YYYY-MM-DD');

/** The department record behind a warning as field/value rows (payload flattened, amounts in yuan, nothing unmasked). */
function evidenceRows(evidence: Record<string, unknown>): Array<{ key: string; value: string }> {
  const show = (key: string, v: unknown) =>
    typeof v === 'number' && /(Fen|_fen)$/.test(key)
      ? `${formatFen(v)} 元`
      : typeof v === 'string'
        ? v
        : JSON.stringify(v);
  const rows: Array<{ key: string; value: string }> = [];
  for (const [key, value] of Object.entries(evidence)) {
    if (key === 'batchId' || key === 'recordId') continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>))
        rows.push({ key: `${key}.${k}`, value: show(k, v) });
    } else {
      rows.push({ key, value: show(key, value) });
    }
  }
  return rows;
}

/** 预警详情: evidence, visits and notes, and the outcome actions (visit, start assistance, dismiss). */
export function MonitoringWarningDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { english } = useLanguage();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const { nameOf } = useMonitoringRules();
  const [noteForm] = Form.useForm<NoteValues>();
  const [closeForm] = Form.useForm<CloseValues>();
  const [closing, setClosing] = useState(false);
  const warning = useQuery({
    queryKey: ['monitoring', 'warning', id],
    queryFn: ({ signal }) => api.get<MonitoringWarningDetail>(`/monitoring/warnings/${id}`, undefined, { signal }),
  });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['monitoring'] });
  };

  if (warning.isLoading) return <Spin style={{ margin: 48 }} />;
  if (warning.isError || !warning.data) {
    return <Alert type="error" showIcon message={errorText(warning.error, english)} style={{ margin: 24 }} />;
  }
  const w = warning.data;
  const canAct = hasPermission(me, 'case:act') && w.status !== 'closed';

  const addNote = async (values: NoteValues) => {
    try {
      await api.post(`/monitoring/warnings/${id}/notes`, {
        kind: values.kind,
        visitedOn: dateValue(values.visitedOn),
        note: values.note,
      });
      message.success(t('monitoring.saved'));
      noteForm.resetFields();
      await refresh();
    } catch (e) {
      onError(e, noteForm);
    }
  };

  const close = async (values: CloseValues) => {
    try {
      await api.post(`/monitoring/warnings/${id}/close`, {
        outcome: values.outcome,
        note: values.note,
        visitedOn: dateValue(values.visitedOn),
        caseId: values.caseId?.trim() ? values.caseId.trim() : undefined,
        version: w.version,
      });
      message.success(t('monitoring.closedDone'));
      setClosing(false);
      await refresh();
      return true;
    } catch (e) {
      onError(e, closeForm);
      return false;
    }
  };

  return (
    <PageContainer
      title={nameOf(w.ruleCode)}
      subTitle={<Link to="/monitoring/warnings">{t('monitoring.back')}</Link>}
      tags={[
        <Tag key="s" color={STATUS_COLORS[w.status]} data-testid="monitoring-detail-status">
          {t(`monitoring.statuses.${w.status}`)}
          {w.outcome ? ` · ${t(`monitoring.outcomes.${w.outcome}`)}` : ''}
        </Tag>,
        <Tag key="v" color={SEVERITY_COLORS[w.severity]}>
          {t(`monitoring.severities.${w.severity}`)}
        </Tag>,
      ]}
      extra={
        canAct
          ? [
              <Button key="close" type="primary" onClick={() => setClosing(true)} data-testid="monitoring-close">
                {t('monitoring.close')}
              </Button>,
            ]
          : []
      }
    >
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('monitoring.kind')}>{t(`monitoring.kinds.${w.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('monitoring.person')}>
            {w.personName ? `${w.personName} ${w.personIdMasked ?? ''}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('monitoring.household')}>
            {w.householdId ? <Link to={`/households/${w.householdId}`}>{w.householdNo}</Link> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('monitoring.region')}>{w.regionCode}</Descriptions.Item>
          <Descriptions.Item label={t('monitoring.dueOn')}>
            <DueCell task={{ dueOn: w.dueOn, overdue: w.overdue }} />
          </Descriptions.Item>
          <Descriptions.Item label={t('monitoring.escalation')}>{w.escalationLevel}</Descriptions.Item>
          <Descriptions.Item label={t('monitoring.createdAt')}>{formatDate(w.createdAt)}</Descriptions.Item>
          {w.outcome && <Descriptions.Item label={t('monitoring.outcome')}>{w.outcomeNote}</Descriptions.Item>}
          {w.caseId && (
            <Descriptions.Item label={t('monitoring.openCase')}>
              <Link to={`/assistance/applications/${w.caseId}`} data-testid="monitoring-case-link">
                {w.caseId.slice(0, 8)}
              </Link>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title={t('monitoring.evidence')} size="small" style={{ marginBottom: 16 }}>
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          data-testid="monitoring-evidence"
          dataSource={evidenceRows(w.evidence)}
          columns={[
            { title: t('monitoring.evidenceFields'), dataIndex: 'key', width: 260 },
            { title: t('monitoring.evidenceValue'), dataIndex: 'value' },
          ]}
        />
      </Card>
      <Card title={t('monitoring.notes')} size="small">
        {w.notes.length === 0 ? (
          <Empty description={t('monitoring.noNotes')} />
        ) : (
          <Timeline
            data-testid="monitoring-notes"
            items={w.notes.map((n) => ({
              color: n.kind === 'visit' ? 'green' : 'blue',
              children: (
                <Space direction="vertical" size={0}>
                  <span>
                    <Tag>{t(`monitoring.noteKinds.${n.kind}`)}</Tag>
                    {n.visitedOn ? formatDate(n.visitedOn) : formatDate(n.createdAt)}
                  </span>
                  <span>{n.note}</span>
                </Space>
              ),
            }))}
          />
        )}
        {canAct && (
          <Form<NoteValues>
            form={noteForm}
            layout="vertical"
            initialValues={{ kind: 'visit' }}
            onFinish={(v) => void addNote(v)}
          >
            <Space wrap align="start">
              <ProFormSelect
                name="kind"
                label={t('monitoring.noteKind')}
                width="xs"
                options={(['visit', 'note'] as const).map((k) => ({ value: k, label: t(`monitoring.noteKinds.${k}`) }))}
              />
              <ProFormDatePicker
                name="visitedOn"
                label={t('monitoring.visitedOn')}
                fieldProps={{ ...testId('monitoring-note-date') }}
              />
            </Space>
            <ProFormTextArea
              name="note"
              label={t('monitoring.note')}
              rules={[{ required: true, whitespace: true, min: 2 }]}
              fieldProps={{ rows: 3, maxLength: 2000, showCount: true, ...testId('monitoring-note-text') }}
            />
            <Button htmlType="submit" data-testid="monitoring-note-submit">
              {t('monitoring.addNote')}
            </Button>
          </Form>
        )}
      </Card>
      <ModalForm<CloseValues>
        title={t('monitoring.closeTitle')}
        open={closing}
        form={closeForm}
        width={560}
        initialValues={{ outcome: 'visited' }}
        modalProps={{ destroyOnHidden: true, onCancel: () => setClosing(false) }}
        submitter={{ submitButtonProps: { 'data-testid': 'monitoring-close-submit' } }}
        onFinish={close}
      >
        <ProFormSelect
          name="outcome"
          label={t('monitoring.outcome')}
          rules={[{ required: true }]}
          options={(['visited', 'assistance_started', 'dismissed'] as const).map((o) => ({
            value: o,
            label: t(`monitoring.outcomes.${o}`),
          }))}
          fieldProps={{ ...testId('monitoring-close-outcome') }}
        />
        <ProFormDatePicker
          name="visitedOn"
          label={t('monitoring.visitedOn')}
          fieldProps={{ ...testId('monitoring-close-date') }}
        />
        <ProFormText name="caseId" label={t('monitoring.caseId')} extra={t('monitoring.caseHint')} />
        <ProFormTextArea
          name="note"
          label={t('monitoring.closeNote')}
          rules={[{ required: true, whitespace: true, min: 2 }]}
          fieldProps={{ rows: 4, maxLength: 2000, showCount: true, ...testId('monitoring-close-note') }}
        />
      </ModalForm>
    </PageContainer>
  );
}
