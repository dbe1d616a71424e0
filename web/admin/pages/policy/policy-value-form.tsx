import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../../shared/api.ts';
import { testId } from '../../../shared/test-id.ts';
import { useLanguage } from '../../../shared/use-language.ts';
import { RegionTreeSelect } from '../../components/region-tree-select.tsx';
import { useApiErrorHandler } from '../../hooks/use-api-error.ts';
import { labelOf, type ParameterItem, toForm, toStored } from './policy-format.ts';

interface FormValues {
  regionCode: string;
  effectiveFrom: Dayjs;
  value: string | number | boolean | string[] | Record<string, number> | undefined;
  source: string;
}

function unitSuffix(item: ParameterItem, english: boolean, t: (k: string) => string): string | undefined {
  if (item.unit === 'money') return t('policy.units.yuan');
  if (item.unit === 'percent') return t('policy.units.percent');
  if (item.unit === 'ratio') return t('policy.units.times');
  return (english ? item.unitEn : item.unitZh) ?? undefined;
}

/** One input for a number in the key's display unit (yuan, %, × or a count). */
function numberInput(item: ParameterItem, english: boolean, t: (k: string) => string, testId: string) {
  const precision = item.unit === 'money' || item.unit === 'percent' ? 2 : item.unit === 'ratio' ? 4 : 0;
  return (
    <InputNumber
      data-testid={testId}
      min={0}
      precision={precision}
      addonAfter={unitSuffix(item, english, t)}
      style={{ width: 240 }}
    />
  );
}

function ValueInputs({ item }: { item: ParameterItem }) {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const required = [{ required: true, message: t('policy.required') }];
  if (item.fields) {
    return (
      <>
        {item.fields.map((f) => (
          <Form.Item key={f.name} name={['value', f.name]} label={english ? f.labelEn : f.labelZh} rules={required}>
            {numberInput(item, english, t, `policy-value-${f.name}`)}
          </Form.Item>
        ))}
      </>
    );
  }
  const label = labelOf(item, english);
  if (item.unit === 'boolean') {
    return (
      <Form.Item name="value" label={label} valuePropName="checked">
        <Switch data-testid="policy-value" />
      </Form.Item>
    );
  }
  if (item.unit === 'choice' || item.unit === 'list') {
    return (
      <Form.Item name="value" label={label} rules={required}>
        <Select
          data-testid="policy-value"
          mode={item.unit === 'list' ? (item.key === 'excludedIncomeKinds' ? 'tags' : 'multiple') : undefined}
          options={(item.options ?? []).map((o) => ({
            value: o,
            label: t(`policy.options.${o}`, { defaultValue: o }),
          }))}
        />
      </Form.Item>
    );
  }
  if (item.unit === 'json') {
    return (
      <Form.Item name="value" label={t('policy.valueJson')} rules={required}>
        <Input.TextArea data-testid="policy-value" autoSize={{ minRows: 4, maxRows: 12 }} spellCheck={false} />
      </Form.Item>
    );
  }
  return (
    <Form.Item name="value" label={label} rules={required}>
      {numberInput(item, english, t, 'policy-value')}
    </Form.Item>
  );
}

export interface AddValueModalProps {
  item: ParameterItem | null;
  defaultRegion: string;
  onClose: () => void;
}

/** 新增参数值: region in scope, start date, the value in display units, and the source or reason. */
export function AddValueModal({ item, defaultRegion, onClose }: AddValueModalProps) {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!item) return;
    form.resetFields();
    form.setFieldsValue({
      regionCode: defaultRegion,
      effectiveFrom: dayjs().add(1, 'month').startOf('month'),
      value: (item.current ? toForm(item, item.current.value) : undefined) as FormValues['value'],
      source: '',
    });
  }, [item, defaultRegion, form]);

  const submit = async () => {
    if (!item) return;
    const v = await form.validateFields();
    setSaving(true);
    try {
      await api.post('/policy/assistance/parameters', {
        key: item.key,
        regionCode: v.regionCode,
        effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
        value: toStored(item, v.value),
        source: v.source,
      });
      void message.success(t('policy.added'));
      await queryClient.invalidateQueries({ queryKey: ['policy'] });
      onClose();
    } catch (err) {
      // server field names: body.x for the envelope, value.x for the value; the form uses x and value.x
      if (err instanceof ApiError) for (const f of err.fields) f.field = f.field.replace(/^body\./, '');
      onError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={item !== null}
      title={item ? t('policy.addTitle', { label: labelOf(item, english) }) : ''}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      destroyOnHidden
      width={560}
      okButtonProps={{ ...testId('policy-add-submit') }}
    >
      <Alert type="info" showIcon message={t('policy.addNote')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item name="regionCode" label={t('policy.region')} rules={[{ required: true }]}>
          <RegionTreeSelect testId="policy-add-region" />
        </Form.Item>
        <Form.Item name="effectiveFrom" label={t('policy.effectiveFrom')} rules={[{ required: true }]}>
          <DatePicker data-testid="policy-add-date" />
        </Form.Item>
        {item && <ValueInputs item={item} />}
        <Form.Item name="source" label={t('policy.source')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea
            data-testid="policy-add-source"
            maxLength={500}
            showCount
            placeholder={t('policy.sourcePlaceholder')}
            autoSize={{ minRows: 2 }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
