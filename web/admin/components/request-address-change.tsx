import { EditOutlined } from '@ant-design/icons';
import { ModalForm, ProFormText } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, fieldErrors } from '../../shared/api.ts';
import { testId } from '../../shared/test-id.ts';
import type { CaseDetail, HouseholdDetail } from '../../shared/types.ts';
import { useLanguage } from '../../shared/use-language.ts';
import { hasPermission, useCurrentUser } from '../auth.tsx';
import { useApiErrorHandler } from '../hooks/use-api-error.ts';

/** The registry's one case type: see src/core/registry/household-change.workflow.ts. */
export const HOUSEHOLD_CHANGE_WORKFLOW = 'registry.household_change';

interface Values {
  newAddress: string;
}

/** Server field errors of `POST /cases` that belong to the form (`body.data.newAddress` → `newAddress`). */
function addressFieldErrors(error: unknown, english: boolean) {
  return fieldErrors(error, english).flatMap((f) => {
    const path = (f.name[0] === 'body' ? f.name.slice(1) : f.name).join('.');
    return path === 'data.newAddress' || path === 'newAddress' || path === 'data'
      ? [{ name: 'newAddress' as const, errors: f.errors }]
      : [];
  });
}

/**
 * 申请地址变更: opens a `registry.household_change` case for the household (clerks with `case:act` and
 * `registry:write`), then goes to the new case. Renders nothing for other users.
 */
export function RequestAddressChange({ household }: { household: HouseholdDetail }) {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();

  if (!hasPermission(me, 'case:act') || !hasPermission(me, 'registry:write')) return null;

  const submit = async (values: Values): Promise<boolean> => {
    const newAddress = values.newAddress.trim();
    try {
      const created = await api.post<CaseDetail>(
        '/cases',
        {
          workflow: HOUSEHOLD_CHANGE_WORKFLOW,
          regionCode: household.regionCode,
          // Case titles are stored and shown to everyone, so they are written in Chinese like the seeded ones.
          title: t('householdChange.caseTitle', { lng: 'zh-CN', headName: household.headName }),
          subjectType: 'household',
          subjectId: household.id,
          data: { householdId: household.id, newAddress },
        },
        { idempotent: true },
      );
      queryClient.setQueryData(['case', created.id], created);
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      void message.success(t('householdChange.submitted', { caseNo: created.caseNo }), 5);
      navigate(`/cases/${created.id}`);
      return true;
    } catch (err) {
      const fields = addressFieldErrors(err, english);
      if (fields.length > 0) form.setFields(fields);
      onError(err);
      return false;
    }
  };

  return (
    <ModalForm<Values>
      title={t('householdChange.title')}
      form={form}
      width={560}
      modalProps={{ destroyOnHidden: true }}
      trigger={
        <Button type="primary" icon={<EditOutlined />} data-testid="household-change-address">
          {t('householdChange.button')}
        </Button>
      }
      submitter={{ submitButtonProps: { 'data-testid': 'household-change-submit' } }}
      onFinish={submit}
    >
      <Alert type="info" showIcon message={t('householdChange.hint')} style={{ marginBottom: 16 }} />
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'no', label: t('households.householdNo'), children: household.householdNo },
          { key: 'head', label: t('households.headName'), children: household.headName },
          { key: 'address', label: t('householdChange.currentAddress'), children: household.address },
        ]}
      />
      <ProFormText
        name="newAddress"
        label={t('householdChange.newAddress')}
        placeholder={t('householdChange.newAddressPlaceholder')}
        rules={[
          { required: true, whitespace: true, message: t('householdChange.newAddressRequired') },
          {
            validator: async (_, value: unknown) => {
              const text = typeof value === 'string' ? value.trim() : '';
              if (text === '') return;
              if (text.length < 2 || text.length > 200) throw new Error(t('householdChange.newAddressLength'));
              if (text === household.address.trim()) throw new Error(t('householdChange.sameAsCurrent'));
            },
          },
        ]}
        fieldProps={{ maxLength: 200, showCount: true, autoComplete: 'off', ...testId('household-new-address') }}
      />
    </ModalForm>
  );
}
