import { ModalForm, ProFormTextArea } from '@ant-design/pro-components';
import { App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api.ts';
import { testId } from '../../../shared/test-id.ts';
import type { CaseAction, CaseDetail } from '../../../shared/types.ts';
import { useLanguage } from '../../../shared/use-language.ts';
import { useApiErrorHandler } from '../../hooks/use-api-error.ts';

/** Actions that end an application with written reasons (不予受理, 审核不通过, 不予批准): the notice prints them. */
export const REASON_ACTIONS: ReadonlySet<string> = new Set(['not_accept', 'refuse', 'deny']);

/** One reason per line → `input.reasons`; the server checks each (≥ 2 characters) and puts errors on the field. */
export function ApplicationReasonsModal(props: {
  item: CaseDetail;
  action: CaseAction;
  onClose: () => void;
  onDone: () => Promise<void>;
  onConflict: (err: unknown) => Promise<boolean>;
}) {
  const { item, action, onClose, onDone, onConflict } = props;
  const { t } = useTranslation();
  const { english } = useLanguage();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<{ reasons: string; comment?: string }>();

  const submit = async (values: { reasons: string; comment?: string }) => {
    const reasons = values.reasons
      .split('\n')
      .map((r) => r.trim())
      .filter((r) => r.length > 0);
    try {
      await api.post(`/cases/${item.id}/actions/${encodeURIComponent(action.code)}`, {
        version: item.version,
        input: { reasons },
        comment: reasons.join('；'),
      });
      void message.success(t('case.done', { name: english ? action.nameEn : action.nameZh }));
      onClose();
      await onDone();
      return true;
    } catch (err) {
      if (await onConflict(err)) {
        onClose();
        return true;
      }
      onError(err);
      return false;
    }
  };

  return (
    <ModalForm<{ reasons: string }>
      title={english ? action.nameEn : action.nameZh}
      open
      form={form}
      width={560}
      modalProps={{ destroyOnHidden: true, onCancel: onClose }}
      submitter={{ submitButtonProps: { 'data-testid': 'case-action-submit' } }}
      onFinish={submit}
    >
      <ProFormTextArea
        name="reasons"
        label={t('assistance.detail.reasons')}
        extra={t('assistance.detail.reasonsHint')}
        rules={[{ required: true, whitespace: true, min: 2 }]}
        fieldProps={{ rows: 5, maxLength: 4000, ...testId('case-action-reasons') }}
      />
    </ModalForm>
  );
}
