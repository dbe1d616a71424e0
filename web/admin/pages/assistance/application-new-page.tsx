import { InboxOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Form,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Upload,
  type UploadFile,
} from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, newIdempotencyKey } from '../../../shared/api.ts';
import { postOnce, uploadDocument } from '../../../shared/assistance-requests.ts';
import type { ApplicationDetail } from '../../../shared/assistance-types.ts';
import type { HouseholdDetail, HouseholdItem, Page } from '../../../shared/types.ts';
import { useApiErrorHandler } from '../../hooks/use-api-error.ts';
import { ApplicationDeclaredFactsFields } from './application-new-facts.tsx';

const PROGRAMMES = [
  'auto',
  'extremePovertySupport',
  'minimumLivingAllowance',
  'lowIncomeMarginal',
  'rigidExpenditureHardship',
  'temporaryAssistanceExpenditure',
];
const DISABILITY = ['physical', 'visual', 'hearing', 'speech', 'intellectual', 'psychiatric', 'multiple'];
const fen = (yuan: number | null | undefined) => Math.round((yuan ?? 0) * 100);

interface MemberValues {
  personId: string;
  livesTogether: boolean;
  disabilityCategory?: string;
  disabilityLevel?: number;
  majorDisease?: boolean;
}
interface NewApplicationValues {
  applicantPersonId: string;
  channel: 'window' | 'coordinator';
  area: 'urban' | 'rural';
  requested: string[];
  emergency: boolean;
  stagedMonths?: number;
  members: MemberValues[];
  incomes: { memberId: string; category: string; kind?: string; monthlyYuan: number; costYuan?: number }[];
  spending: { memberId?: string; kind: string; yuan: number }[];
  financialAssetsYuan: number;
  vehicles: { yuan: number }[];
  dwellingBeyondAreaRule: boolean;
  businessEmployingOthers: boolean;
  needs: { need: string; note: string }[];
}

/** 新建救助申请 at the window or on a visit: household, members, declared facts, programmes, needs, authorisation. */
export function AssistanceApplicationNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [params] = useSearchParams();
  const [form] = Form.useForm<NewApplicationValues>();
  const requested = Form.useWatch('requested', form);
  const [householdId, setHouseholdId] = useState<string | undefined>(params.get('householdId') ?? undefined);
  const [search, setSearch] = useState('');
  const [authorisation, setAuthorisation] = useState<UploadFile[]>([]);
  const [saving, setSaving] = useState(false);
  const key = useRef(newIdempotencyKey());

  const households = useQuery({
    queryKey: ['households', 'search', search],
    enabled: search.trim().length > 0,
    queryFn: ({ signal }) =>
      api.get<Page<HouseholdItem>>('/households', { q: search.trim(), pageSize: 20 }, { signal }),
  });
  const household = useQuery({
    queryKey: ['household', householdId],
    enabled: householdId !== undefined,
    queryFn: async ({ signal }) => {
      const h = await api.get<HouseholdDetail>(`/households/${householdId}`, undefined, { signal });
      const head = h.members.find((m) => m.relationCode === '01' || m.relationCode === '02') ?? h.members[0];
      form.setFieldsValue({
        applicantPersonId: head?.personId,
        members: h.members.map((m) => ({ personId: m.personId, livesTogether: true })),
      });
      return h;
    },
  });
  const members = household.data?.members ?? [];
  const memberOptions = members.map((m) => ({ value: m.personId, label: `${m.name}（${m.relationName}）` }));

  const submit = async (v: NewApplicationValues) => {
    if (!householdId) return;
    setSaving(true);
    try {
      const created = await postOnce<ApplicationDetail>(
        '/assistance/applications',
        {
          householdId,
          applicantPersonId: v.applicantPersonId,
          channel: v.channel,
          area: v.area,
          requested: v.requested?.length ? v.requested : ['auto'],
          emergency: v.emergency ?? false,
          ...(v.stagedMonths && v.requested?.includes('temporaryAssistanceExpenditure')
            ? { stagedMonths: v.stagedMonths }
            : {}),
          needs: v.needs ?? [],
          members: (v.members ?? []).map((m) => ({
            personId: m.personId,
            livesTogether: m.livesTogether,
            ...(m.disabilityLevel
              ? { disability: { category: m.disabilityCategory ?? 'physical', level: m.disabilityLevel } }
              : {}),
            ...(m.majorDisease ? { majorDisease: true } : {}),
          })),
          incomes: (v.incomes ?? []).map((i) => ({
            memberId: i.memberId,
            category: i.category,
            kind: i.kind?.trim() || i.category,
            amountFen: fen(i.monthlyYuan) * 12,
            ...(i.costYuan && (i.category === 'business' || i.category === 'property')
              ? { costFen: fen(i.costYuan) }
              : {}),
          })),
          spending: (v.spending ?? []).map((s) => ({
            ...(s.memberId ? { memberId: s.memberId } : {}),
            kind: s.kind,
            amountFen: fen(s.yuan),
          })),
          assets: {
            financialAssetsFen: fen(v.financialAssetsYuan),
            vehicles: (v.vehicles ?? []).map((x) => ({ valueFen: fen(x.yuan) })),
            dwellingBeyondAreaRule: v.dwellingBeyondAreaRule ?? false,
            businessEmployingOthers: v.businessEmployingOthers ?? false,
          },
        },
        key.current,
      );
      for (const file of authorisation) {
        if (file.originFileObj) {
          await uploadDocument(
            `/assistance/applications/${created.caseId}/documents`,
            'authorisation',
            file.originFileObj,
            file.name,
          );
        }
      }
      void message.success(t('assistance.form.created', { caseNo: created.caseNo }));
      navigate(`/assistance/applications/${created.caseId}`, { replace: true });
    } catch (err) {
      onError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageContainer onBack={() => navigate(-1)} title={t('assistance.form.title')}>
      <Card size="small" title={t('assistance.form.household')} style={{ marginBottom: 16 }}>
        <Select
          showSearch
          filterOption={false}
          style={{ width: '100%', maxWidth: 560 }}
          placeholder={t('assistance.form.householdSearch')}
          onSearch={setSearch}
          value={householdId}
          onChange={setHouseholdId}
          loading={households.isFetching}
          data-testid="application-household"
          options={[
            ...(household.data && !(households.data?.items ?? []).some((h) => h.id === household.data.id)
              ? [household.data]
              : []),
            ...(households.data?.items ?? []),
          ].map((h) => ({ value: h.id, label: `${h.householdNo} ${h.headName} · ${h.address}` }))}
        />
        {members.length > 0 && (
          <Table
            style={{ marginTop: 12 }}
            size="small"
            rowKey="personId"
            pagination={false}
            dataSource={members}
            columns={[
              { title: t('assistance.detail.name'), dataIndex: 'name' },
              { title: t('assistance.detail.relation'), dataIndex: 'relationName' },
              { title: t('assistance.detail.age'), dataIndex: 'age' },
              { title: t('assistance.detail.idMasked'), dataIndex: 'idNumberMasked', className: 'hm-mono' },
            ]}
          />
        )}
      </Card>
      {householdId && (
        <Form<NewApplicationValues>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{
            channel: 'window',
            area: 'urban',
            requested: ['auto'],
            emergency: false,
            financialAssetsYuan: 0,
          }}
        >
          <Card size="small" title={t('assistance.form.basics')} style={{ marginBottom: 16 }}>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name="applicantPersonId" label={t('assistance.form.applicant')} rules={[{ required: true }]}>
                  <Select options={memberOptions} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="channel" label={t('assistance.form.channel')}>
                  <Radio.Group
                    options={['window', 'coordinator'].map((c) => ({ value: c, label: t(`assistance.channels.${c}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="area" label={t('assistance.form.area')}>
                  <Radio.Group
                    options={['urban', 'rural'].map((a) => ({ value: a, label: t(`assistance.areas.${a}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={16}>
                <Form.Item
                  name="requested"
                  label={t('assistance.form.requested')}
                  extra={t('assistance.form.requestedHint')}
                >
                  <Select
                    mode="multiple"
                    options={PROGRAMMES.map((p) => ({ value: p, label: t(`assistance.programmes.${p}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="emergency" label={t('assistance.form.emergency')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
              {requested?.includes('temporaryAssistanceExpenditure') && (
                <Col xs={24} md={8}>
                  <Form.Item
                    name="stagedMonths"
                    label={t('assistance.form.stagedMonths')}
                    extra={t('assistance.form.stagedMonthsHint')}
                  >
                    <InputNumber min={1} max={12} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              )}
            </Row>
          </Card>

          <Card size="small" title={t('assistance.form.members')} style={{ marginBottom: 16 }}>
            <Form.List name="members">
              {(fields) => (
                <Table
                  size="small"
                  rowKey="key"
                  pagination={false}
                  dataSource={fields}
                  data-testid="application-members"
                  columns={[
                    {
                      title: t('assistance.detail.name'),
                      render: (_: unknown, field) => {
                        const m = members[field.name];
                        return m ? `${m.name}（${m.relationName}，${m.age}）` : '';
                      },
                    },
                    {
                      title: t('assistance.form.livesTogether'),
                      width: 100,
                      render: (_: unknown, field) => (
                        <Form.Item name={[field.name, 'livesTogether']} valuePropName="checked" noStyle>
                          <Switch size="small" />
                        </Form.Item>
                      ),
                    },
                    {
                      title: t('assistance.form.disability'),
                      width: 260,
                      render: (_: unknown, field) => (
                        <Space.Compact>
                          <Form.Item name={[field.name, 'disabilityCategory']} noStyle>
                            <Select
                              allowClear
                              style={{ width: 120 }}
                              placeholder={t('assistance.portal.none')}
                              options={DISABILITY.map((d) => ({ value: d, label: t(`assistance.disability.${d}`) }))}
                            />
                          </Form.Item>
                          <Form.Item name={[field.name, 'disabilityLevel']} noStyle>
                            <Select
                              allowClear
                              style={{ width: 100 }}
                              placeholder="—"
                              options={[1, 2, 3, 4].map((l) => ({
                                value: l,
                                label: t('assistance.portal.level', { level: l }),
                              }))}
                            />
                          </Form.Item>
                        </Space.Compact>
                      ),
                    },
                    {
                      title: t('assistance.portal.majorDisease'),
                      width: 180,
                      render: (_: unknown, field) => (
                        <Form.Item name={[field.name, 'majorDisease']} valuePropName="checked" noStyle>
                          <Switch size="small" />
                        </Form.Item>
                      ),
                    },
                  ]}
                />
              )}
            </Form.List>
          </Card>

          <ApplicationDeclaredFactsFields memberOptions={memberOptions} />

          <Card size="small" title={t('assistance.form.authorisation')} style={{ marginBottom: 16 }}>
            <Upload.Dragger
              multiple={false}
              accept="application/pdf,image/*"
              fileList={authorisation}
              beforeUpload={() => false}
              onChange={({ fileList }) => setAuthorisation(fileList.slice(-1))}
              data-testid="application-authorisation"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p>{t('assistance.form.authorisationHint')}</p>
            </Upload.Dragger>
          </Card>
          <Button type="primary" htmlType="submit" size="large" loading={saving} data-testid="application-submit">
            {t('assistance.form.submit')}
          </Button>
        </Form>
      )}
    </PageContainer>
  );
}
