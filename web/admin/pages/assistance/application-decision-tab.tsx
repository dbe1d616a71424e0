import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Collapse, Descriptions, Empty, List, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api.ts';
import type {
  ApplicationDetail,
  ClassificationView,
  DecisionView,
  NoticePreview,
} from '../../../shared/assistance-types.ts';
import { formatFen } from '../../../shared/format.ts';
import { useLanguage } from '../../../shared/use-language.ts';

/** 认定: the classification (proposal on declared facts, then on verified facts, then approved) and its trace in words. */
export function ApplicationDecisionTab({ application: a }: { application: ApplicationDetail }) {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const preview = useQuery({
    queryKey: ['assistance', 'notice', a.caseId, a.version],
    queryFn: ({ signal }) =>
      api.get<NoticePreview>(`/assistance/applications/${a.caseId}/notice`, undefined, { signal }),
  });
  const classification: ClassificationView | null | undefined = a.decision?.classification ?? a.proposal;
  const stage = a.decision?.stage ?? (a.proposal ? 'proposal' : null);
  const names = new Map(a.members.map((m) => [m.personId, m.name]));

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      {stage && (
        <Alert
          type={stage === 'approved' ? 'success' : stage === 'refused' || stage === 'not_accepted' ? 'error' : 'info'}
          showIcon
          message={t(`assistance.decision.stages.${stage}`, { defaultValue: stage })}
          description={t(`assistance.decision.stageHints.${stage}`, { defaultValue: '' })}
        />
      )}
      {a.decision?.reasons && a.decision.reasons.length > 0 && (
        <Card size="small" title={t('assistance.detail.reasons')}>
          <List
            size="small"
            dataSource={a.decision.reasons}
            renderItem={(r, i) => <List.Item>{`${i + 1}. ${r}`}</List.Item>}
          />
        </Card>
      )}
      {classification ? (
        <Card size="small" title={t('assistance.decision.programmes')}>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('assistance.decision.decisionDate')}>
              {classification.decisionDate}
            </Descriptions.Item>
            <Descriptions.Item label={t('assistance.decision.benefitMonth')}>
              {classification.benefitMonth}
            </Descriptions.Item>
            <Descriptions.Item label={t('assistance.decision.monthlyTotal')}>
              <Typography.Text strong data-testid="decision-total">
                {formatFen(classification.monthlyTotalFen)} {t('assistance.form.yuan')}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Table<DecisionView>
            size="small"
            rowKey={(d) => `${d.programme}-${d.memberIds.join(',')}`}
            pagination={false}
            dataSource={classification.decisions}
            data-testid="decision-programmes"
            columns={[
              {
                title: t('assistance.list.programme'),
                dataIndex: 'programme',
                width: 170,
                render: (p: string) => t(`assistance.programmes.${p}`, { defaultValue: p }),
              },
              {
                title: t('assistance.decision.outcome'),
                dataIndex: 'outcome',
                width: 100,
                render: (o: string) => (
                  <Tag color={o === 'eligible' ? 'green' : 'default'}>
                    {t(`assistance.decision.outcomes.${o}`, { defaultValue: o })}
                  </Tag>
                ),
              },
              {
                title: t('assistance.list.amount'),
                dataIndex: 'amountFen',
                width: 110,
                align: 'right',
                render: (f?: number) => (f === undefined ? '—' : formatFen(f)),
              },
              {
                title: t('assistance.decision.members'),
                dataIndex: 'memberIds',
                width: 160,
                render: (ids: string[]) => ids.map((id) => names.get(id) ?? id.slice(0, 6)).join('、'),
              },
              {
                title: t('assistance.decision.reasons'),
                dataIndex: 'reasons',
                render: (rs: DecisionView['reasons']) => rs.map((r) => (english ? r.en : r.zh)).join('；'),
              },
            ]}
          />
        </Card>
      ) : (
        <Empty description={t('assistance.decision.none')} />
      )}
      <Card size="small" title={t('assistance.decision.trace')} data-testid="decision-trace">
        {preview.isPending ? (
          <Skeleton active />
        ) : preview.data && preview.data.sections.length > 0 ? (
          <Collapse
            defaultActiveKey={preview.data.sections.map((_, i) => String(i))}
            items={preview.data.sections.map((section, i) => ({
              key: String(i),
              label: section.heading,
              children: (
                <ol style={{ margin: 0, paddingLeft: 20 }}>
                  {section.steps.map((step) => (
                    <li key={`${step.rule}:${step.zh}`} style={{ marginBottom: 4 }}>
                      {english ? step.en : step.zh}
                      {step.parameterVersionId && (
                        <Tag bordered={false} style={{ marginLeft: 6 }} title={String(step.parameterVersionId)}>
                          {t('assistance.decision.version', { id: String(step.parameterVersionId).slice(0, 8) })}
                        </Tag>
                      )}
                    </li>
                  ))}
                </ol>
              ),
            }))}
          />
        ) : (
          <Empty description={t('assistance.decision.none')} />
        )}
      </Card>
    </Space>
  );
}
