import { CheckCircleOutlined, ClockCircleOutlined, UserAddOutlined } from '@ant-design/icons';
import { PageContainer, ProDescriptions } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Result,
  Row,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, api, errorText } from '../../shared/api.ts';
import { dash, formatDate, formatDateTime } from '../../shared/format.ts';
import type { CaseAction, CaseDetail } from '../../shared/types.ts';
import { useLanguage } from '../../shared/use-language.ts';
import { useApiErrorHandler } from '../hooks/use-api-error.ts';
import { CaseActionModal } from './case-action-modal.tsx';
import { CaseApprovalsCard } from './case-approvals-card.tsx';
import { DueCell } from './workbench-page.tsx';

/** Case data fields holding a household id (householdId, targetHouseholdId, …): shown as a link to the household. */
const HOUSEHOLD_FIELD = /^(householdId|\w+HouseholdId)$/;

const DANGER_ACTION = /reject|disagree|deny|refuse|terminate|cancel|withdraw|return|back/i;

function renderValue(value: unknown) {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return (
    <Typography.Text code style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>
      {JSON.stringify(value, null, 2)}
    </Typography.Text>
  );
}

export function CaseDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { english } = useLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [pending, setPending] = useState<CaseAction | null>(null);
  const [claiming, setClaiming] = useState(false);

  const query = useQuery({
    queryKey: ['case', id],
    queryFn: ({ signal }) => api.get<CaseDetail>(`/cases/${encodeURIComponent(id)}`, undefined, { signal }),
  });
  const item = query.data;

  const afterChange = async () => {
    await queryClient.invalidateQueries({ queryKey: ['case', id] });
    void queryClient.invalidateQueries({ queryKey: ['tasks'] });
  };

  /** 409 `workflow.conflict`: show the server's conflict message, then reload the case. Returns true if handled. */
  const handleConflict = async (err: unknown): Promise<boolean> => {
    if (!(err instanceof ApiError && err.status === 409)) return false;
    void message.warning(errorText(err, english) || t('case.conflict'), 5);
    await query.refetch();
    return true;
  };

  const claim = async () => {
    if (!item) return;
    setClaiming(true);
    try {
      await api.post<CaseDetail>(`/cases/${item.id}/claim`, { version: item.version });
      void message.success(t('case.claimed'));
      await afterChange();
    } catch (err) {
      if (!(await handleConflict(err))) onError(err);
    } finally {
      setClaiming(false);
    }
  };

  if (query.isError) {
    return (
      <PageContainer onBack={() => navigate(-1)} title={t('case.title')}>
        <Result status="warning" title={t('common.loadFailed')} subTitle={errorText(query.error, english)} />
      </PageContainer>
    );
  }
  if (!item) {
    return (
      <PageContainer title={t('case.title')}>
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </PageContainer>
    );
  }

  const claimable = item.claimable;
  const dataEntries = Object.entries(item.data ?? {});
  const history = [...item.history].sort((a, b) => a.seq - b.seq);

  return (
    <PageContainer
      onBack={() => navigate(-1)}
      title={<span className="hm-mono">{item.caseNo}</span>}
      subTitle={item.title}
      tags={[
        <Tag key="state" color="blue">
          {item.stateName}
        </Tag>,
        ...(item.overdue
          ? [
              <Tag key="overdue" color="red">
                {t('common.overdue')}
              </Tag>,
            ]
          : []),
      ]}
      extra={
        <Space wrap data-testid="case-actions">
          {claimable && (
            <Button
              data-testid="case-claim"
              type="primary"
              icon={<UserAddOutlined />}
              loading={claiming}
              onClick={claim}
            >
              {t('case.claim')}
            </Button>
          )}
          {[...item.actions, ...(item.flowActions ?? [])].map((action, index) => (
            <Button
              key={action.code}
              data-testid={`case-action-${action.code}`}
              type={index === 0 && item.actions.length > 0 && !claimable ? 'primary' : 'default'}
              danger={DANGER_ACTION.test(action.code)}
              onClick={() => setPending(action)}
            >
              {english ? action.nameEn : action.nameZh}
            </Button>
          ))}
        </Space>
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={t('case.basic')} size="small" style={{ marginBottom: 16 }}>
            <ProDescriptions<CaseDetail>
              dataSource={item}
              column={{ xs: 1, sm: 2, lg: 3 }}
              columns={[
                { title: t('workbench.caseNo'), dataIndex: 'caseNo', copyable: true },
                { title: t('workbench.workflow'), dataIndex: 'workflowName' },
                { title: t('workbench.state'), dataIndex: 'stateName' },
                { title: t('workbench.region'), dataIndex: 'regionName' },
                {
                  title: t('workbench.assignee'),
                  dataIndex: 'assigneeName',
                  render: (_, c) => c.assigneeName || <Tag>{t('case.unassigned')}</Tag>,
                },
                {
                  title: t('workbench.receivedOn'),
                  dataIndex: 'receivedOn',
                  render: (_, c) => formatDate(c.receivedOn),
                },
                { title: t('workbench.dueOn'), dataIndex: 'dueOn', render: (_, c) => <DueCell task={c} /> },
                { title: t('case.stepDueOn'), dataIndex: 'stepDueOn', render: (_, c) => formatDate(c.stepDueOn) },
                { title: t('case.version'), dataIndex: 'version' },
              ]}
            />
          </Card>
          <Card title={t('case.data')} size="small">
            {dataEntries.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.noData')} />
            ) : (
              <Descriptions
                bordered
                size="small"
                column={{ xs: 1, md: 2 }}
                data-testid="case-data"
                items={dataEntries.map(([key, value]) => ({
                  key,
                  label: t(`case.fields.${key}`, { defaultValue: key }),
                  children:
                    HOUSEHOLD_FIELD.test(key) && typeof value === 'string' ? (
                      <Link to={`/households/${value}`} data-testid="case-household-link">
                        {t('case.openHousehold')}
                      </Link>
                    ) : (
                      renderValue(value)
                    ),
                }))}
              />
            )}
          </Card>
          <CaseApprovalsCard item={item} />
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('case.history')} size="small">
            {history.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <Timeline
                data-testid="case-history"
                style={{ marginTop: 8 }}
                items={history.map((h, index) => ({
                  key: h.seq,
                  color: index === history.length - 1 ? 'blue' : 'gray',
                  dot: index === history.length - 1 ? <ClockCircleOutlined /> : <CheckCircleOutlined />,
                  children: (
                    <div>
                      <Space size={6} wrap>
                        <Typography.Text strong>
                          {english ? (h.actionNameEn ?? h.actionName) : h.actionName}
                        </Typography.Text>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {h.fromState && h.fromState !== h.toState
                            ? `${h.fromStateName ?? h.fromState} → ${h.toStateName ?? h.toState}`
                            : (h.toStateName ?? h.toState)}
                        </Typography.Text>
                      </Space>
                      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
                        {dash(h.actorName)} · {formatDateTime(h.at)}
                      </div>
                      {h.comment && (
                        <Typography.Paragraph style={{ margin: '4px 0 0', background: '#fafafa', padding: '4px 8px' }}>
                          {h.comment}
                        </Typography.Paragraph>
                      )}
                    </div>
                  ),
                }))}
              />
            )}
            {/* about the step's own actions; 催办/撤销 may still be offered above */}
            {item.actions.length === 0 && !claimable && (
              <Typography.Text type="secondary">{t('case.noActions')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
      <CaseActionModal
        item={item}
        action={pending}
        onClose={() => setPending(null)}
        onDone={afterChange}
        onConflict={handleConflict}
      />
    </PageContainer>
  );
}
