import { LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { ModalForm, ProFormRadio, ProFormText, ProFormTextArea } from '@ant-design/pro-components';
import { Button, Card, Descriptions, Empty, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api.ts';
import type { ApplicationDetail, ApplicationObjection, ApplicationTransfer } from '../../../shared/assistance-types.ts';
import { formatDate, formatDateTime, formatFen } from '../../../shared/format.ts';
import { useApiErrorHandler } from '../../hooks/use-api-error.ts';

/** 分办转办 and 公示: needs sent to other departments with their replies; the village notice and its objections. */
export function ApplicationPublicityTab(props: { application: ApplicationDetail; onChanged: () => Promise<void> }) {
  const { application: a, onChanged } = props;
  const { t } = useTranslation();
  const onError = useApiErrorHandler();
  const [resolving, setResolving] = useState<ApplicationObjection | null>(null);
  const [recording, setRecording] = useState(false);
  const p = a.publicity;
  const village = a.regionCode;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card size="small" title={t('assistance.publicityTab.transfers')}>
        <Table<ApplicationTransfer>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={a.transfers}
          data-testid="transfers"
          locale={{ emptyText: t('assistance.publicityTab.noTransfers') }}
          columns={[
            {
              title: t('assistance.publicityTab.need'),
              dataIndex: 'need',
              width: 110,
              render: (n: string) => t(`assistance.needs.${n}`, { defaultValue: n }),
            },
            { title: t('assistance.publicityTab.to'), dataIndex: 'toOrgName', width: 170 },
            { title: t('assistance.publicityTab.note'), dataIndex: 'note' },
            { title: t('assistance.publicityTab.dueOn'), dataIndex: 'dueOn', width: 110 },
            {
              title: t('assistance.publicityTab.status'),
              dataIndex: 'status',
              width: 90,
              render: (s: string) => (
                <Tag color={s === 'replied' || s === 'closed' ? 'green' : 'blue'}>
                  {t(`assistance.publicityTab.statuses.${s}`, { defaultValue: s })}
                </Tag>
              ),
            },
            {
              title: t('assistance.publicityTab.reply'),
              dataIndex: 'reply',
              render: (r: string | null, x) => (r ? `${r}（${formatDateTime(x.repliedAt)}）` : '—'),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('assistance.publicityTab.notice')}
        extra={
          <Space>
            <Button
              icon={<LinkOutlined />}
              href={`/m/publicity/${village}`}
              target="_blank"
              data-testid="publicity-public-link"
            >
              {t('assistance.publicityTab.publicPage')}
            </Button>
            {p && p.status === 'open' && (
              <Button icon={<PlusOutlined />} onClick={() => setRecording(true)}>
                {t('assistance.publicityTab.recordObjection')}
              </Button>
            )}
          </Space>
        }
      >
        {p ? (
          <>
            <Descriptions size="small" column={{ xs: 1, md: 3 }} data-testid="publicity-info">
              <Descriptions.Item label={t('assistance.publicity.name')}>{p.maskedName}</Descriptions.Item>
              <Descriptions.Item label={t('assistance.publicity.programme')}>
                {t(`assistance.programmes.${p.programme}`, { defaultValue: p.programme })}
              </Descriptions.Item>
              <Descriptions.Item label={t('assistance.publicity.amount')}>{formatFen(p.amountFen)}</Descriptions.Item>
              <Descriptions.Item label={t('assistance.publicity.members')}>{p.members}</Descriptions.Item>
              <Descriptions.Item label={t('assistance.publicityTab.period')}>
                {formatDate(p.startsOn)} ~ {formatDate(p.endsOn)}
              </Descriptions.Item>
              <Descriptions.Item label={t('assistance.publicityTab.status')}>
                {t(`assistance.publicityTab.noticeStatuses.${p.status}`, { defaultValue: p.status })}
              </Descriptions.Item>
            </Descriptions>
            <Table<ApplicationObjection>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={p.objections}
              locale={{ emptyText: t('assistance.publicityTab.noObjections') }}
              columns={[
                { title: t('assistance.publicityTab.receivedOn'), dataIndex: 'receivedOn', width: 110 },
                { title: t('assistance.publicityTab.objection'), dataIndex: 'content' },
                {
                  title: t('assistance.publicityTab.status'),
                  dataIndex: 'status',
                  width: 240,
                  render: (_: unknown, o) =>
                    o.status === 'open' ? (
                      <Button size="small" type="primary" onClick={() => setResolving(o)}>
                        {t('assistance.publicityTab.resolve')}
                      </Button>
                    ) : (
                      <span>
                        <Tag color={o.outcome === 'upheld' ? 'red' : 'green'}>
                          {t(`assistance.publicityTab.outcomes.${o.outcome}`, { defaultValue: o.outcome ?? '' })}
                        </Tag>
                        {o.resolution}
                      </span>
                    ),
                },
              ]}
            />
          </>
        ) : (
          <Empty description={t('assistance.publicityTab.notYet')} />
        )}
      </Card>
      <ModalForm<{ outcome: string; resolution: string }>
        title={t('assistance.publicityTab.resolve')}
        open={resolving !== null}
        width={520}
        modalProps={{ destroyOnHidden: true, onCancel: () => setResolving(null) }}
        onFinish={async (values) => {
          try {
            await api.post(`/assistance/objections/${resolving?.id}/resolve`, values);
            setResolving(null);
            await onChanged();
            return true;
          } catch (err) {
            onError(err);
            return false;
          }
        }}
      >
        <ProFormRadio.Group
          name="outcome"
          label={t('assistance.publicityTab.outcome')}
          rules={[{ required: true }]}
          options={['dismissed', 'upheld'].map((o) => ({
            value: o,
            label: t(`assistance.publicityTab.outcomes.${o}`),
          }))}
          extra={t('assistance.publicityTab.upheldHint')}
        />
        <ProFormTextArea
          name="resolution"
          label={t('assistance.verification.resolution')}
          rules={[{ required: true, min: 2 }]}
        />
      </ModalForm>
      <ModalForm<{ content: string; contact?: string }>
        title={t('assistance.publicityTab.recordObjection')}
        open={recording}
        width={520}
        modalProps={{ destroyOnHidden: true, onCancel: () => setRecording(false) }}
        onFinish={async (values) => {
          try {
            await api.post(`/assistance/publicity/${p?.id}/objections`, values);
            setRecording(false);
            await onChanged();
            return true;
          } catch (err) {
            onError(err);
            return false;
          }
        }}
      >
        <ProFormTextArea
          name="content"
          label={t('assistance.publicityTab.objection')}
          rules={[{ required: true, min: 5 }]}
        />
        <ProFormText name="contact" label={t('assistance.publicity.contact')} />
      </ModalForm>
    </Space>
  );
}
