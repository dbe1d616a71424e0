import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Modal, Progress, Space, Statistic, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiUrl, errorText } from '../../../shared/api.ts';
import { useLanguage } from '../../../shared/use-language.ts';
import type { ExchangeCategory, ExchangeJob, IngestResult } from './exchange-types.ts';

/** Import one category's department file (CSV or .xlsx): template, upload, live progress, then the row report. */
export function ExchangeImportDialog({
  category,
  onClose,
}: {
  category: ExchangeCategory | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const [jobId, setJobId] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const job = useQuery({
    queryKey: ['exchange-job', jobId],
    enabled: jobId !== null,
    queryFn: ({ signal }) => api.get<ExchangeJob<IngestResult>>(`/exchange/jobs/${jobId}`, undefined, { signal }),
    refetchInterval: (q) => (q.state.data?.status === 'succeeded' || q.state.data?.status === 'failed' ? false : 1000),
  });
  const run = job.data;
  const done = run?.status === 'succeeded';
  const report = run?.result;
  const fieldLabel = (key: string) => {
    const f = category?.fields.find((x) => x.key === key);
    return f ? (english ? f.labelEn : f.labelZh) : key;
  };
  const close = () => {
    setJobId(null);
    setUploadError(null);
    onClose();
  };
  if (!category) return null;
  const name = english ? category.nameEn : category.nameZh;

  return (
    <Modal title={t('exchange.import.title', { name })} open onCancel={close} footer={null} width={760} destroyOnClose>
      <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="exchange-import-dialog">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('exchange.import.note')}
        </Typography.Paragraph>
        <Space>
          <Button
            icon={<DownloadOutlined />}
            href={apiUrl(`/exchange/categories/${category.code}/template`, { format: 'xlsx' })}
          >
            {t('exchange.import.templateXlsx')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            href={apiUrl(`/exchange/categories/${category.code}/template`, { format: 'csv' })}
          >
            {t('exchange.import.templateCsv')}
          </Button>
        </Space>
        {jobId === null ? (
          <Upload.Dragger
            accept=".csv,.xlsx"
            maxCount={1}
            showUploadList={false}
            disabled={uploading}
            data-testid="exchange-import-upload"
            beforeUpload={(file) => {
              setUploading(true);
              setUploadError(null);
              api
                .upload<{ jobId: string }>(`/exchange/categories/${category.code}/import`, file)
                .then((r) => setJobId(r.jobId))
                .catch((err: unknown) => setUploadError(errorText(err, english)))
                .finally(() => setUploading(false));
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('exchange.import.choose')}</p>
          </Upload.Dragger>
        ) : (
          <div data-testid="exchange-import-progress" data-status={run?.status ?? 'queued'}>
            <Progress
              percent={done ? 100 : 99}
              status={run?.status === 'failed' ? 'exception' : done ? 'success' : 'active'}
              showInfo={done || run?.status === 'failed'}
            />
            <Typography.Text>
              {run?.status === 'failed'
                ? t('exchange.import.failed')
                : done
                  ? report?.repeated
                    ? t('exchange.import.repeated')
                    : t('exchange.import.succeeded')
                  : t('exchange.import.running', { done: (run?.progress ?? 0).toLocaleString() })}
            </Typography.Text>
          </div>
        )}
        {uploadError && <Alert type="error" showIcon message={uploadError} />}
        {run?.status === 'failed' && <Alert type="error" showIcon message={run.error} />}
        {report && (
          <>
            <Space size="large" data-testid="exchange-import-report">
              <Statistic title={t('exchange.import.total')} value={report.total} />
              <Statistic title={t('exchange.import.stored')} value={report.stored} valueStyle={{ color: '#389e0d' }} />
              <Statistic title={t('exchange.import.duplicates')} value={report.duplicates} />
              <Statistic
                title={t('exchange.import.bad')}
                value={report.bad}
                valueStyle={report.bad > 0 ? { color: '#cf1322' } : undefined}
              />
            </Space>
            {report.errors.length > 0 && (
              <Table
                size="small"
                rowKey="line"
                data-testid="exchange-import-bad-rows"
                dataSource={report.errors}
                pagination={{ pageSize: 8, showSizeChanger: false }}
                columns={[
                  { title: t('exchange.import.line'), dataIndex: 'line', width: 80 },
                  {
                    title: t('exchange.import.problem'),
                    render: (_, r) =>
                      r.errors.map((e) => (
                        <div key={`${e.field}-${e.message_zh}`}>
                          <Typography.Text strong>{fieldLabel(e.field)}</Typography.Text>：
                          {english ? e.message_en : e.message_zh}
                        </div>
                      )),
                  },
                ]}
              />
            )}
          </>
        )}
        {(done || run?.status === 'failed') && (
          <Button onClick={() => setJobId(null)}>{t('exchange.import.again')}</Button>
        )}
      </Space>
    </Modal>
  );
}
