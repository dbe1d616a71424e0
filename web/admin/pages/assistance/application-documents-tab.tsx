import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Select, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../../shared/api.ts';
import { uploadDocument } from '../../../shared/assistance-requests.ts';
import type { ApplicationDetail, ApplicationDocument } from '../../../shared/assistance-types.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { useApiErrorHandler } from '../../hooks/use-api-error.ts';

const KINDS = ['authorisation', 'id_card', 'income', 'other'];

/** 材料: the signed authorisation, ID and income papers and phone photos; each download is audited. */
export function ApplicationDocumentsTab(props: { application: ApplicationDetail; onChanged: () => Promise<void> }) {
  const { application: a, onChanged } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [kind, setKind] = useState('authorisation');
  const [busy, setBusy] = useState(false);
  const open = !['approved', 'refused', 'not_accepted'].includes(a.state);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {open && (
        <Space wrap>
          <Select
            value={kind}
            onChange={setKind}
            style={{ width: 200 }}
            options={KINDS.map((k) => ({ value: k, label: t(`assistance.documentKinds.${k}`) }))}
          />
          <Upload
            accept="application/pdf,image/*"
            showUploadList={false}
            beforeUpload={(file) => {
              setBusy(true);
              uploadDocument(`/assistance/applications/${a.caseId}/documents`, kind, file, file.name)
                .then(async () => {
                  void message.success(t('assistance.portal.uploaded'));
                  await onChanged();
                })
                .catch((err: unknown) => onError(err))
                .finally(() => setBusy(false));
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy} data-testid="document-upload">
              {t('assistance.documents.upload')}
            </Button>
          </Upload>
        </Space>
      )}
      <Table<ApplicationDocument>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={a.documents}
        data-testid="documents"
        columns={[
          {
            title: t('assistance.documents.kind'),
            dataIndex: 'kind',
            width: 160,
            render: (k: string) => t(`assistance.documentKinds.${k}`, { defaultValue: k }),
          },
          {
            title: t('assistance.documents.file'),
            dataIndex: 'fileName',
            render: (name: string, d) => (
              <a
                href={apiUrl(`/assistance/applications/${a.caseId}/documents/${d.id}`)}
                target="_blank"
                rel="noreferrer"
              >
                {name}
              </a>
            ),
          },
          {
            title: t('assistance.documents.size'),
            dataIndex: 'sizeBytes',
            width: 100,
            align: 'right',
            render: (n: number) => `${Math.ceil(n / 1024)} KB`,
          },
          {
            title: t('assistance.documents.uploadedAt'),
            dataIndex: 'uploadedAt',
            width: 170,
            render: (v: string) => formatDateTime(v),
          },
        ]}
      />
    </Space>
  );
}
