import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';

const NEEDS = ['medical', 'education', 'housing', 'employment'];
const CATEGORIES = ['wage', 'business', 'property', 'transfer'];
const SPENDING = ['medical', 'education', 'rehabilitation', 'living'];

/** The declared facts of a new application: incomes (monthly averages), assets and essential spending, needs. */
export function ApplicationDeclaredFactsFields({
  memberOptions,
}: {
  memberOptions: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const money = (name: (string | number)[], label?: string, required = true) => (
    <Form.Item name={name} label={label} rules={required ? [{ required: true }] : []} style={{ marginBottom: 8 }}>
      <InputNumber min={0} precision={2} addonAfter={t('assistance.form.yuan')} style={{ width: '100%' }} />
    </Form.Item>
  );

  return (
    <>
      <Card
        size="small"
        title={t('assistance.form.incomes')}
        extra={t('assistance.form.incomesHint')}
        style={{ marginBottom: 16 }}
      >
        <Form.List name="incomes">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} wrap align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'memberId']} rules={[{ required: true }]}>
                    <Select style={{ width: 160 }} options={memberOptions} placeholder={t('assistance.form.member')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'category']} rules={[{ required: true }]} initialValue="wage">
                    <Select
                      style={{ width: 130 }}
                      options={CATEGORIES.map((c) => ({ value: c, label: t(`assistance.incomeCategories.${c}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'kind']}>
                    <Input style={{ width: 150 }} placeholder={t('assistance.form.kind')} />
                  </Form.Item>
                  {money([field.name, 'monthlyYuan'], t('assistance.form.monthly'))}
                  {money([field.name, 'costYuan'], t('assistance.form.cost'), false)}
                  <Button icon={<DeleteOutlined />} type="text" onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add()} data-testid="application-add-income">
                {t('assistance.form.addIncome')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>

      <Card size="small" title={t('assistance.form.assets')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            {money(['financialAssetsYuan'], t('assistance.form.financialAssets'))}
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="dwellingBeyondAreaRule" label={t('assistance.portal.secondHome')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="businessEmployingOthers" label={t('assistance.portal.employer')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="vehicles">
          {(fields, { add, remove }) => (
            <Space wrap>
              {fields.map((field) => (
                <Space key={field.key} align="baseline">
                  {money([field.name, 'yuan'], t('assistance.form.vehicle'))}
                  <Button icon={<DeleteOutlined />} type="text" onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add()}>
                {t('assistance.form.addVehicle')}
              </Button>
            </Space>
          )}
        </Form.List>
        <Form.List name="spending">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 12 }}>
              {fields.map((field) => (
                <Space key={field.key} wrap align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'memberId']}>
                    <Select
                      allowClear
                      style={{ width: 160 }}
                      options={memberOptions}
                      placeholder={t('assistance.form.household')}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'kind']} rules={[{ required: true }]} initialValue="medical">
                    <Select
                      style={{ width: 120 }}
                      options={SPENDING.map((s) => ({ value: s, label: t(`assistance.spendingKinds.${s}`) }))}
                    />
                  </Form.Item>
                  {money([field.name, 'yuan'], t('assistance.form.spending12'))}
                  <Button icon={<DeleteOutlined />} type="text" onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add()}>
                {t('assistance.form.addSpending')}
              </Button>
            </div>
          )}
        </Form.List>
      </Card>

      <Card
        size="small"
        title={t('assistance.form.needs')}
        extra={t('assistance.form.needsHint')}
        style={{ marginBottom: 16 }}
      >
        <Form.List name="needs">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} wrap align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'need']} rules={[{ required: true }]}>
                    <Select
                      style={{ width: 140 }}
                      options={NEEDS.map((n) => ({ value: n, label: t(`assistance.needs.${n}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'note']} rules={[{ required: true, min: 2 }]}>
                    <Input style={{ width: 360 }} placeholder={t('assistance.form.needNote')} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} type="text" onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add()}>
                {t('assistance.form.addNeed')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>
    </>
  );
}
