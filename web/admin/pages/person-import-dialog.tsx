import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Modal, Progress, Space, Statistic, Table, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiUrl, errorText } from '../../shared/api.ts';
import { useLanguage } from '../../shared/use-language.ts';

interface ImportReport {
  read: number;
  inserted: number;
  duplicates: number;
  rejectedCount: number;
  rejected: Array<{
    line: number;
    errors: Array<{ field: string; column: string; message_zh: string; message_en: string }>;
  }>;
}

interface ExcelJob {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  total: number | null;
  error: string | null;
  result: ImportReport | null;
}

/** Import residents from the Excel template: template download, upload, live progress, then the row report. */
export function PersonImportDialog({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}) {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const [jobId, setJobId] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);

  const job = useQuery({
    queryKey: ['excel-job', jobId],
    enabled: jobId !== null,
    queryFn: ({ signal }) => api.get<ExcelJob>(`/excel/jobs/${jobId}`, undefined, { signal }),
    refetchInterval: (q) => (q.state.data?.status === 'succeeded' || q.state.data?.status === 'failed' ? false : 1000),
  });
  const run = job.data;
  const done = run?.status === 'succeeded';

  useEffect(() => {
    if (done && (run?.result?.inserted ?? 0) > 0) onImported();
  }, [done, run?.result?.inserted, onImported]);

  const reset = () => {
    setJobId(null);
    setUploadError(null);
  };
  const close = () => {
    reset();
    onClose();
  };
  const report = run?.result;
  const message = (e: { message_zh: string; message_en: string }) => (english ? e.message_en : e.message_zh);

  return (
    <Modal title={t('excel.importTitle')} open={open} onCancel={close} footer={null} width={720} destroyOnClose>
      <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="person-import-dialog">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('excel.importNote')}
        </Typography.Paragraph>
        <Button
          icon={<DownloadOutlined />}
          href={apiUrl('/persons/import-template.xlsx')}
          data-testid="persons-import-template"
        >
          {t('excel.template')}
        </Button>
        {jobId === null ? (
          <Upload.Dragger
            accept=".xlsx"
            maxCount={1}
            showUploadList={false}
            disabled={uploading}
            data-testid="persons-import-upload"
            beforeUpload={(file) => {
              setUploading(true);
              setUploadError(null);
              api
                .upload<{ jobId: string }>('/persons/import', file)
                .then((r) => setJobId(r.jobId))
                .catch((err: unknown) => setUploadError(errorText(err, english)))
                .finally(() => setUploading(false));
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('excel.choose')}</p>
            <p className="ant-upload-hint">{t('excel.dragHint')}</p>
          </Upload.Dragger>
        ) : (
          <div data-testid="persons-import-progress" data-status={run?.status ?? 'queued'}>
            <Progress
              percent={done ? 100 : run?.total ? Math.round((run.progress / run.total) * 100) : 99}
              status={run?.status === 'failed' ? 'exception' : done ? 'success' : 'active'}
              showInfo={done || run?.status === 'failed'}
            />
            <Typography.Text>
              {run?.status === 'failed'
                ? t('excel.failed')
                : done
                  ? t('excel.succeeded')
                  : run?.status === 'running'
                    ? t('excel.running', { done: run.progress.toLocaleString() })
                    : t('excel.queued')}
            </Typography.Text>
          </div>
        )}
        {uploadError && <Alert type="error" showIcon message={uploadError} />}
        {run?.status === 'failed' && (
          <Alert type="error" showIcon message={run.error} data-testid="persons-import-error" />
        )}
        {report && (
          <>
            <Space size="large" data-testid="persons-import-report">
              <Statistic title={t('excel.read')} value={report.read} />
              <Statistic title={t('excel.inserted')} value={report.inserted} valueStyle={{ color: '#389e0d' }} />
              <Statistic title={t('excel.duplicates')} value={report.duplicates} />
              <Statistic
                title={t('excel.rejected')}
                value={report.rejectedCount}
                valueStyle={report.rejectedCount > 0 ? { color: '#cf1322' } : undefined}
              />
            </Space>
            {report.rejectedCount > 0 && (
              <Table
                size="small"
                rowKey="line"
                data-testid="persons-import-rejected"
                dataSource={report.rejected}
                pagination={{ pageSize: 8, showSizeChanger: false }}
                columns={[
                  { title: t('excel.line'), dataIndex: 'line', width: 80 },
                  {
                    title: t('excel.problem'),
                    render: (_, r) =>
                      r.errors.map((e) => (
                        <div key={`${e.field}-${e.message_zh}`}>
                          <Typography.Text strong>{e.column}</Typography.Text>：{message(e)}
                        </div>
                      )),
                  },
                ]}
                footer={
                  report.rejectedCount > report.rejected.length
                    ? () => t('excel.moreRejected', { shown: report.rejected.length, count: report.rejectedCount })
                    : undefined
                }
              />
            )}
          </>
        )}
        {(done || run?.status === 'failed') && <Button onClick={reset}>{t('excel.again')}</Button>}
      </Space>
    </Modal>
  );
}
