import { CheckCircleOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { Empty, Space, Timeline, Typography } from 'antd';
import { dash, formatDateTime } from '../../../shared/format.ts';
import type { CaseDetail } from '../../../shared/types.ts';
import { useLanguage } from '../../../shared/use-language.ts';

/** 办理记录: every step of the case as the workflow kernel recorded it (who, when, from → to, comment). */
export function ApplicationHistoryTab({ item }: { item: CaseDetail | undefined }) {
  const { english } = useLanguage();
  const history = [...(item?.history ?? [])].sort((a, b) => a.seq - b.seq);
  if (history.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Timeline
      data-testid="application-history"
      style={{ marginTop: 8 }}
      items={history.map((h, index) => ({
        key: h.seq,
        color: index === history.length - 1 ? 'blue' : 'gray',
        dot: index === history.length - 1 ? <ClockCircleOutlined /> : <CheckCircleOutlined />,
        children: (
          <div>
            <Space size={6} wrap>
              <Typography.Text strong>{english ? (h.actionNameEn ?? h.actionName) : h.actionName}</Typography.Text>
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
  );
}
