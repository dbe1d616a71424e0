import { PageContainer } from '@ant-design/pro-components';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Collapse, Descriptions, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api, errorText } from '../../../shared/api.ts';
import { formatFen } from '../../../shared/format.ts';
import { useLanguage } from '../../../shared/use-language.ts';
import type { VerificationView } from './exchange-types.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function SummaryCard({ v }: { v: VerificationView }) {
  const { t } = useTranslation();
  const s = v.summary;
  const nameOf = (id: string) => v.members.find((m) => m.personId === id)?.name ?? id.slice(0, 8);
  const yuan = (fen: number) => `${formatFen(fen)} ${t('exchange.verify.yuan')}`;
  return (
    <Card
      title={t('exchange.verify.summary', { from: s.windowFrom, to: s.windowTo })}
      data-testid="exchange-verify-summary"
    >
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label={t('exchange.verify.wage')}>{yuan(s.incomeTotalsFen.wage)}</Descriptions.Item>
        <Descriptions.Item label={t('exchange.verify.business')}>{yuan(s.incomeTotalsFen.business)}</Descriptions.Item>
        <Descriptions.Item label={t('exchange.verify.property')}>{yuan(s.incomeTotalsFen.property)}</Descriptions.Item>
        <Descriptions.Item label={t('exchange.verify.transfer')}>{yuan(s.incomeTotalsFen.transfer)}</Descriptions.Item>
        <Descriptions.Item label={t('exchange.verify.financialAssets')}>{yuan(s.financialAssetsFen)}</Descriptions.Item>
        <Descriptions.Item label={t('exchange.verify.providentFund')}>
          {yuan(s.providentFundBalanceFen)}
        </Descriptions.Item>
        <Descriptions.Item label={t('exchange.verify.vehicles')}>
          {s.vehicles.length === 0
            ? '—'
            : s.vehicles.map((x) => `${nameOf(x.memberId)} ${x.plate ?? ''} ${yuan(x.valueFen)}`).join('；')}
        </Descriptions.Item>
        <Descriptions.Item label={t('exchange.verify.realEstate')}>
          {s.realEstate.length === 0
            ? '—'
            : s.realEstate.map((x) => `${nameOf(x.memberId)} ${x.areaM2 ?? '?'}㎡`).join('；')}
        </Descriptions.Item>
        <Descriptions.Item label={t('exchange.verify.businesses')}>
          {s.businesses.length === 0
            ? '—'
            : s.businesses.map((x) => `${nameOf(x.memberId)} ${x.name ?? ''}(${x.employees})`).join('；')}
        </Descriptions.Item>
        <Descriptions.Item label={t('exchange.verify.hospitalisation')}>
          {t('exchange.verify.stays', { n: s.hospitalisation.stays })} · {yuan(s.hospitalisation.totalCostFen)} ·{' '}
          {t('exchange.verify.selfPaid')} {yuan(s.hospitalisation.selfPaidFen)}
        </Descriptions.Item>
        <Descriptions.Item label={t('exchange.verify.disability')}>
          {s.disabilities.length === 0
            ? '—'
            : s.disabilities
                .map(
                  (x) =>
                    `${nameOf(x.memberId)} ${t(`exchange.disability.${x.category}`)} ${t('exchange.verify.level', { level: x.level })}`,
                )
                .join('；')}
        </Descriptions.Item>
        <Descriptions.Item label={t('exchange.verify.deaths')}>
          {s.deaths.length === 0
            ? '—'
            : s.deaths.map((x) => (
                <Tag color="red" key={x.memberId + x.source}>{`${nameOf(x.memberId)} ${x.diedOn ?? ''}`}</Tag>
              ))}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** 家庭经济状况核对: query all 36 categories for one household's members; answers are kept with the case. */
export function ExchangeVerificationPage() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const [params] = useSearchParams();
  const verify = useMutation({
    mutationFn: (v: { householdId: string; caseId?: string }) =>
      api.post<VerificationView>(
        '/exchange/verifications',
        { householdId: v.householdId, caseId: v.caseId || undefined },
        { idempotent: true },
      ),
  });
  const v = verify.data;
  return (
    <PageContainer title={t('exchange.verify.title')} subTitle={t('exchange.verify.subtitle')}>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Card>
          <Form
            layout="inline"
            initialValues={{ householdId: params.get('householdId') ?? '', caseId: params.get('caseId') ?? '' }}
            onFinish={(values) => verify.mutate(values)}
          >
            <Form.Item
              name="householdId"
              label={t('exchange.verify.householdId')}
              rules={[{ required: true, pattern: UUID, message: t('exchange.verify.badId') }]}
            >
              <Input style={{ width: 330 }} data-testid="exchange-verify-household" />
            </Form.Item>
            <Form.Item
              name="caseId"
              label={t('exchange.verify.caseId')}
              rules={[{ pattern: UUID, message: t('exchange.verify.badId') }]}
            >
              <Input style={{ width: 330 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={verify.isPending} data-testid="exchange-verify-run">
              {t('exchange.verify.run')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('exchange.verify.note')}
          </Typography.Paragraph>
        </Card>
        {verify.error && <Alert type="error" showIcon message={errorText(verify.error, english)} />}
        {v && (
          <>
            <Table
              size="small"
              rowKey="personId"
              pagination={false}
              dataSource={v.members}
              columns={[
                { title: t('exchange.verify.member'), dataIndex: 'name' },
                { title: t('exchange.verify.idNumber'), dataIndex: 'idMasked' },
              ]}
            />
            <SummaryCard v={v} />
            <Card title={t('exchange.verify.answers', { n: v.answers.length })}>
              <Collapse
                size="small"
                items={v.answers.map((a) => ({
                  key: a.categoryCode,
                  label: (
                    <Space>
                      {english ? a.nameEn : a.nameZh}
                      <Tag color={a.found > 0 ? 'blue' : undefined}>{t('exchange.verify.found', { n: a.found })}</Tag>
                    </Space>
                  ),
                  collapsible: a.found > 0 ? undefined : 'disabled',
                  children: (
                    <Table
                      size="small"
                      rowKey="id"
                      pagination={false}
                      dataSource={a.records}
                      columns={[
                        {
                          title: t('exchange.verify.member'),
                          render: (_, r) => v.members.find((m) => m.personId === r.personId)?.name,
                        },
                        { title: t('exchange.verify.occurredOn'), dataIndex: 'occurredOn' },
                        {
                          title: t('exchange.verify.amount'),
                          dataIndex: 'amountFen',
                          render: (f: number | null) => (f === null ? '—' : formatFen(f)),
                        },
                        {
                          title: t('exchange.verify.details'),
                          render: (_, r) => <code>{JSON.stringify(r.payload)}</code>,
                        },
                      ]}
                    />
                  ),
                }))}
              />
            </Card>
          </>
        )}
      </Space>
    </PageContainer>
  );
}
