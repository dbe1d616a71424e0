import { Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { dash, formatDateTime } from '../../shared/format.ts';
import type { CaseApproval, CaseDetail } from '../../shared/types.ts';

const STATUS_COLOR: Record<CaseApproval['status'], string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  transferred: 'default',
  skipped: 'default',
  withdrawn: 'default',
};

/** 会签/或签 tasks of the case, newest round first, with the current step's count of pending approvers. */
export function CaseApprovalsCard({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const approvals = [...(item.approvals ?? [])].sort((a, b) => b.round - a.round);
  if (approvals.length === 0) return null;
  const current = item.approval;
  return (
    <Card title={t('caseFlow.approvals')} size="small" style={{ marginTop: 16 }} data-testid="case-approvals">
      {current && (
        <Typography.Paragraph data-testid="case-approval-current" style={{ marginBottom: 8 }}>
          {t('caseFlow.current', { step: current.stepName, mode: current.modeName, n: current.pending })}
        </Typography.Paragraph>
      )}
      <Table<CaseApproval>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={approvals}
        onRow={(a) => ({ 'data-testid': `approval-${a.status}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('caseFlow.step'),
            dataIndex: 'stepName',
            render: (_, a) => (
              <span>
                {a.stepName} <Tag>{a.modeName}</Tag>
              </span>
            ),
          },
          {
            title: t('caseFlow.approver'),
            dataIndex: 'approverName',
            render: (_, a) => (
              <span>
                {a.approverName}
                {a.origin !== 'assigned' && <Tag style={{ marginLeft: 6 }}>{t(`caseFlow.origin.${a.origin}`)}</Tag>}
              </span>
            ),
          },
          {
            title: t('caseFlow.status'),
            dataIndex: 'statusName',
            render: (_, a) => <Tag color={STATUS_COLOR[a.status]}>{a.statusName}</Tag>,
          },
          { title: t('caseFlow.decidedAt'), dataIndex: 'decidedAt', render: (_, a) => formatDateTime(a.decidedAt) },
          { title: t('caseFlow.comment'), dataIndex: 'comment', render: (_, a) => dash(a.comment) },
        ]}
      />
    </Card>
  );
}
