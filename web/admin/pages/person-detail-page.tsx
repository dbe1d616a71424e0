import { AuditOutlined, EyeInvisibleOutlined, EyeOutlined, SafetyOutlined } from '@ant-design/icons';
import { PageContainer, ProDescriptions } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, errorText } from '../../shared/api.ts';
import { dash, formatDate, formatDateTime, formatFen } from '../../shared/format.ts';
import { testId } from '../../shared/test-id.ts';
import type { PersonDetail, RevealResult } from '../../shared/types.ts';
import { useLanguage } from '../../shared/use-language.ts';
import { useApiErrorHandler } from '../hooks/use-api-error.ts';
import { useDictionary } from '../hooks/use-dictionary.ts';
import { DisabilityCell } from './persons-page.tsx';

interface RevealValues {
  reason: string;
}

export function PersonDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { english } = useLanguage();
  const navigate = useNavigate();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<RevealValues>();
  const [revealOpen, setRevealOpen] = useState(false);
  const [revealing, setRevealing] = useState(false);
  const [revealed, setRevealed] = useState<RevealResult | null>(null);

  const sex = useDictionary('sex');
  const ethnicity = useDictionary('ethnicity');
  const health = useDictionary('health_status');
  const labour = useDictionary('labour_capacity');
  const employment = useDictionary('employment_status');

  const query = useQuery({
    queryKey: ['person', id],
    queryFn: ({ signal }) => api.get<PersonDetail>(`/persons/${encodeURIComponent(id)}`, undefined, { signal }),
  });
  const person = query.data;

  const submitReveal = async () => {
    const { reason } = await form.validateFields();
    setRevealing(true);
    try {
      const result = await api.post<RevealResult>(`/persons/${encodeURIComponent(id)}/reveal`, {
        reason: reason.trim(),
      });
      setRevealed(result);
      setRevealOpen(false);
      form.resetFields();
    } catch (err) {
      onError(err, form);
    } finally {
      setRevealing(false);
    }
  };

  if (query.isError) {
    return (
      <PageContainer onBack={() => navigate(-1)} title={t('persons.detailTitle')}>
        <Result status="warning" title={t('common.loadFailed')} subTitle={errorText(query.error, english)} />
      </PageContainer>
    );
  }
  if (!person) {
    return (
      <PageContainer title={t('persons.detailTitle')}>
        <Card>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      </PageContainer>
    );
  }

  return (
    <PageContainer
      onBack={() => navigate(-1)}
      title={person.name}
      subTitle={t('persons.detailTitle')}
      tags={person.deceasedOn ? [<Tag key="deceased">{t('persons.deceasedOn')}</Tag>] : undefined}
      extra={
        revealed ? (
          <Button icon={<EyeInvisibleOutlined />} onClick={() => setRevealed(null)} data-testid="reveal-hide">
            {t('persons.hide')}
          </Button>
        ) : (
          <Button
            type="primary"
            ghost
            icon={<EyeOutlined />}
            data-testid="reveal-full"
            onClick={() => {
              form.resetFields();
              setRevealOpen(true);
            }}
          >
            {t('persons.showFull')}
          </Button>
        )
      }
    >
      {revealed && (
        <Alert
          type="warning"
          showIcon
          icon={<SafetyOutlined />}
          style={{ marginBottom: 16 }}
          data-testid="revealed-panel"
          message={t('persons.revealed')}
          description={
            <Space direction="vertical" size={4}>
              <span>
                {t('persons.fullIdNumber')}：
                <Typography.Text strong copyable className="hm-mono" data-testid="full-id-number">
                  {revealed.idNumber}
                </Typography.Text>
              </span>
              <span>
                {t('persons.fullPhone')}：
                <Typography.Text strong className="hm-mono" data-testid="full-phone">
                  {dash(revealed.phone)}
                </Typography.Text>
              </span>
              <Typography.Text type="secondary" data-testid="reveal-audited">
                <AuditOutlined /> {t('persons.revealedNote')}
              </Typography.Text>
            </Space>
          }
        />
      )}
      <Card>
        <ProDescriptions<PersonDetail>
          dataSource={person}
          bordered
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          data-testid="person-descriptions"
          columns={[
            { title: t('persons.name'), dataIndex: 'name' },
            { title: t('persons.sex'), dataIndex: 'sex', render: (_, p) => sex.label(p.sex) },
            { title: t('persons.birthDate'), dataIndex: 'birthDate', render: (_, p) => formatDate(p.birthDate) },
            { title: t('persons.age'), dataIndex: 'age', render: (_, p) => t('common.yearsOld', { age: p.age }) },
            {
              title: t('persons.idNumber'),
              dataIndex: 'idNumberMasked',
              render: (_, p) => (
                <Space size={6}>
                  <span className="hm-mono" data-testid="masked-id-number">
                    {p.idNumberMasked}
                  </span>
                  <Tag bordered={false}>{t('persons.masked')}</Tag>
                </Space>
              ),
            },
            {
              title: t('persons.phone'),
              dataIndex: 'phoneMasked',
              render: (_, p) => <span className="hm-mono">{dash(p.phoneMasked)}</span>,
            },
            { title: t('persons.ethnicity'), dataIndex: 'ethnicity', render: (_, p) => ethnicity.label(p.ethnicity) },
            {
              title: t('persons.region'),
              dataIndex: 'regionName',
              render: (_, p) => (
                <span>
                  {p.regionName} <Typography.Text type="secondary">({p.regionCode})</Typography.Text>
                </span>
              ),
            },
            {
              title: t('persons.hukouRegion'),
              dataIndex: 'hukouRegionCode',
              render: (_, p) => dash(p.hukouRegionCode),
            },
            {
              title: t('persons.householdNo'),
              dataIndex: 'householdNo',
              render: (_, p) =>
                p.householdId ? (
                  <Link to={`/households/${p.householdId}`} className="hm-mono" data-testid="household-link">
                    {p.householdNo ?? p.householdId}
                  </Link>
                ) : (
                  '—'
                ),
            },
            {
              title: t('persons.disability'),
              dataIndex: 'disabilityCategory',
              render: (_, p) => <DisabilityCell category={p.disabilityCategory} level={p.disabilityLevel} />,
            },
            {
              title: t('persons.healthStatus'),
              dataIndex: 'healthStatus',
              render: (_, p) => health.label(p.healthStatus),
            },
            {
              title: t('persons.labourCapacity'),
              dataIndex: 'labourCapacity',
              render: (_, p) => labour.label(p.labourCapacity),
            },
            {
              title: t('persons.employmentStatus'),
              dataIndex: 'employmentStatus',
              render: (_, p) => employment.label(p.employmentStatus),
            },
            {
              title: t('persons.monthlyIncome'),
              dataIndex: 'monthlyIncomeFen',
              render: (_, p) => formatFen(p.monthlyIncomeFen),
            },
            { title: t('persons.deceasedOn'), dataIndex: 'deceasedOn', render: (_, p) => formatDate(p.deceasedOn) },
            { title: t('persons.createdAt'), dataIndex: 'createdAt', render: (_, p) => formatDateTime(p.createdAt) },
            { title: t('persons.updatedAt'), dataIndex: 'updatedAt', render: (_, p) => formatDateTime(p.updatedAt) },
            { title: t('persons.version'), dataIndex: 'version' },
          ]}
        />
      </Card>
      <Modal
        title={t('persons.revealTitle')}
        open={revealOpen}
        onCancel={() => setRevealOpen(false)}
        onOk={() => void submitReveal().catch(() => undefined)}
        confirmLoading={revealing}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        okButtonProps={{ ...testId('reveal-submit') }}
        forceRender
      >
        <Alert
          type="warning"
          showIcon
          icon={<AuditOutlined />}
          message={t('persons.revealNote')}
          style={{ marginBottom: 16 }}
        />
        <Form<RevealValues> form={form} layout="vertical" onFinish={() => void submitReveal().catch(() => undefined)}>
          <Form.Item
            name="reason"
            label={t('persons.revealReason')}
            rules={[
              { required: true, whitespace: true, message: t('persons.revealReasonRequired') },
              { min: 2, message: t('persons.revealReasonMin') },
            ]}
          >
            <Input.TextArea
              data-testid="reveal-reason"
              rows={3}
              maxLength={200}
              placeholder={t('persons.revealReasonPlaceholder')}
              autoFocus
            />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
