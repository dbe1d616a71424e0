import { DownloadOutlined, ExperimentOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Empty, Form, InputNumber, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, apiUrl, errorText, fieldErrors } from '../../../shared/api.ts';
import { useLanguage } from '../../../shared/use-language.ts';
import { useCurrentUser } from '../../auth.tsx';
import { RegionTreeSelect } from '../../components/region-tree-select.tsx';
import { type SimulationResult, SimulationResultView } from './simulation-result.tsx';

interface FormValues {
  regionCode: string;
  effectiveFrom: Dayjs;
  urbanYuan?: number | null;
  ruralYuan?: number | null;
}

interface SimulationBody {
  regionCode: string;
  effectiveFrom: string;
  urbanStandardFen?: number;
  ruralStandardFen?: number;
}

function bodyOf(v: FormValues): SimulationBody {
  const fen = (yuan: number | null | undefined) =>
    yuan === null || yuan === undefined ? undefined : Math.round(yuan * 100);
  return {
    regionCode: v.regionCode,
    effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
    urbanStandardFen: fen(v.urbanYuan),
    ruralStandardFen: fen(v.ruralYuan),
  };
}

/** POST that answers a file: saves it under the server's file name (the export is audited server-side). */
async function downloadPost(path: string, body: unknown, fallbackName: string): Promise<void> {
  const response = await fetch(apiUrl(path), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const payload = await response.json().catch(() => null);
    throw new ApiError(
      response.status,
      payload ?? { code: `http.${response.status}`, message_zh: '', message_en: '', fields: [] },
    );
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  const name = match ? decodeURIComponent(match[1]) : fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/** 政策模拟: what the households in scope would get under a new standard; read-only, with a chart and an export. */
export function PolicySimulationPage() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [form] = Form.useForm<FormValues>();
  const [lastBody, setLastBody] = useState<SimulationBody | null>(null);
  const [exporting, setExporting] = useState(false);
  const simulation = useMutation({
    mutationFn: (body: SimulationBody) => api.post<SimulationResult>('/assistance/simulations', body),
    onError: (err) => {
      if (err instanceof ApiError) {
        for (const f of err.fields) f.field = f.field.replace(/^body\./, '').replace('StandardFen', 'Yuan');
        const fields = fieldErrors(err, english);
        if (fields.length > 0) form.setFields(fields as Parameters<typeof form.setFields>[0]);
      }
      void message.error(errorText(err, english));
    },
  });
  const result = simulation.data;

  const run = async () => {
    const v = await form.validateFields();
    if ((v.urbanYuan ?? null) === null && (v.ruralYuan ?? null) === null) {
      form.setFields([{ name: 'urbanYuan', errors: [t('policy.simulation.needStandard')] }]);
      return;
    }
    const body = bodyOf(v);
    setLastBody(body);
    simulation.mutate(body);
  };

  const exportTable = async () => {
    if (!lastBody) return;
    setExporting(true);
    try {
      await downloadPost('/assistance/simulations/export', lastBody, 'policy-simulation.xlsx');
    } catch (err) {
      void message.error(errorText(err, english));
    } finally {
      setExporting(false);
    }
  };

  return (
    <PageContainer title={t('policy.simulation.title')} content={t('policy.simulation.intro')}>
      <Card style={{ marginBottom: 16 }}>
        <Form
          form={form}
          layout="inline"
          initialValues={{ regionCode: me.regionScope, effectiveFrom: dayjs().add(1, 'month').startOf('month') }}
          onFinish={run}
        >
          <Form.Item name="regionCode" label={t('policy.simulation.region')} rules={[{ required: true }]}>
            <RegionTreeSelect style={{ width: 220 }} testId="simulation-region" />
          </Form.Item>
          <Form.Item name="urbanYuan" label={t('policy.simulation.urban')}>
            <InputNumber data-testid="simulation-urban" min={1} precision={2} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="ruralYuan" label={t('policy.simulation.rural')}>
            <InputNumber data-testid="simulation-rural" min={1} precision={2} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="effectiveFrom" label={t('policy.simulation.effectiveFrom')} rules={[{ required: true }]}>
            <DatePicker data-testid="simulation-date" allowClear={false} />
          </Form.Item>
          <Space>
            <Button
              type="primary"
              htmlType="submit"
              icon={<ExperimentOutlined />}
              loading={simulation.isPending}
              data-testid="simulation-run"
            >
              {t('policy.simulation.run')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              disabled={!result}
              loading={exporting}
              onClick={exportTable}
              data-testid="simulation-export"
            >
              {t('policy.simulation.export')}
            </Button>
          </Space>
        </Form>
      </Card>
      {!result ? (
        <Card>
          <Empty description={t('policy.simulation.empty')} />
        </Card>
      ) : (
        <SimulationResultView result={result} />
      )}
    </PageContainer>
  );
}
