import { ModalForm, ProFormSelect, ProFormTextArea } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api.ts';
import { testId } from '../../shared/test-id.ts';
import type { CaseAction, CaseCandidate, CaseDetail } from '../../shared/types.ts';
import { useLanguage } from '../../shared/use-language.ts';
import { useApiErrorHandler } from '../hooks/use-api-error.ts';

interface ActionValues {
  comment?: string;
  input?: { approvers?: string[]; toState?: string; toUserId?: string; userId?: string };
}

/** Users of a role who may be chosen for this case (approvers, 转办/加签 targets), loaded when the form needs them. */
function useCandidates(caseId: string, role: string | undefined) {
  return useQuery({
    queryKey: ['case-candidates', caseId, role],
    enabled: role !== undefined,
    queryFn: ({ signal }) =>
      api.get<CaseCandidate[]>(`/cases/${encodeURIComponent(caseId)}/candidates`, { role }, { signal }),
  });
}

/**
 * The form of one case action. What it asks for comes from the server's action description: the approvers of the
 * 会签/或签 step the action leads into, the earlier step for 驳回, the user for 转办/加签, and a comment (a reason where
 * required). Field errors from the server land on the fields (input.approvers, input.toState, comment …).
 */
export function CaseActionModal(props: {
  item: CaseDetail;
  action: CaseAction | null;
  onClose: () => void;
  onDone: () => Promise<void>;
  /** Handles a 409 (shows the message, reloads); returns true when it did. */
  onConflict: (err: unknown) => Promise<boolean>;
}) {
  const { item, action, onClose, onDone, onConflict } = props;
  const { t } = useTranslation();
  const { english } = useLanguage();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<ActionValues>();
  const approvers = action?.approvers;
  const userRole = action?.userRole;
  const approverOptions = useCandidates(item.id, action ? approvers?.role : undefined);
  const userOptions = useCandidates(item.id, action ? userRole : undefined);
  const isReason = action?.code === 'return' || action?.code === 'transfer';
  const userField = action?.code === 'transfer' ? 'toUserId' : 'userId';

  const options = (list: CaseCandidate[] | undefined) =>
    (list ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.orgName}）` }));

  const submit = async (values: ActionValues): Promise<boolean> => {
    if (!action) return true;
    const input = values.input && Object.keys(values.input).length > 0 ? values.input : undefined;
    try {
      await api.post<CaseDetail>(`/cases/${item.id}/actions/${encodeURIComponent(action.code)}`, {
        version: item.version,
        comment: values.comment?.trim() ? values.comment.trim() : undefined,
        input,
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
      onError(err, form);
      return false;
    }
  };

  return (
    <ModalForm<ActionValues>
      title={action ? (english ? action.nameEn : action.nameZh) : ''}
      open={action !== null}
      form={form}
      width={560}
      modalProps={{ destroyOnHidden: true, onCancel: onClose }}
      submitter={{ submitButtonProps: { 'data-testid': 'case-action-submit' } }}
      onFinish={submit}
    >
      {approvers && (
        <ProFormSelect
          name={['input', 'approvers']}
          label={t('caseFlow.chooseApprovers', { step: approvers.stepName })}
          mode="multiple"
          showSearch
          options={options(approverOptions.data)}
          rules={[{ required: true, type: 'array', min: approvers.min }]}
          extra={t('caseFlow.approversHint', {
            mode: t(approvers.mode === 'all' ? 'caseFlow.modeAll' : 'caseFlow.modeAny'),
            rule: t(approvers.mode === 'all' ? 'caseFlow.ruleAll' : 'caseFlow.ruleAny'),
            min: approvers.min,
          })}
          fieldProps={{
            loading: approverOptions.isLoading,
            optionFilterProp: 'label',
            ...testId('case-action-approvers'),
          }}
        />
      )}
      {action?.targets && (
        <ProFormSelect
          name={['input', 'toState']}
          label={t('caseFlow.toState')}
          rules={[{ required: true }]}
          options={action.targets.map((s) => ({ value: s.state, label: s.stateName }))}
          fieldProps={{ ...testId('case-action-target') }}
        />
      )}
      {userRole && (
        <ProFormSelect
          name={['input', userField]}
          label={t(action?.code === 'transfer' ? 'caseFlow.transferTo' : 'caseFlow.addApprover')}
          showSearch
          rules={[{ required: true }]}
          options={options(userOptions.data?.filter((u) => u.id !== item.assigneeId))}
          fieldProps={{ loading: userOptions.isLoading, optionFilterProp: 'label', ...testId('case-action-user') }}
        />
      )}
      <ProFormTextArea
        name="comment"
        label={isReason ? t('caseFlow.reason') : t('case.comment')}
        placeholder={action?.requireComment ? t('caseFlow.reasonPlaceholder') : t('case.commentPlaceholder')}
        rules={action?.requireComment ? [{ required: true, whitespace: true, min: 2 }] : []}
        fieldProps={{ rows: 4, maxLength: 1000, showCount: true, ...testId('case-action-comment') }}
      />
    </ModalForm>
  );
}
