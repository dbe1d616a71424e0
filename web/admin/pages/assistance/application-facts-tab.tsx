import { Alert, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail, FactsView } from '../../../shared/assistance-types.ts';
import { formatFen } from '../../../shared/format.ts';

interface FactRow {
  key: string;
  group: string;
  item: string;
  declared: string;
  verified: string;
}

function incomeKey(i: FactsView['incomes'][number]) {
  return `${i.memberId}|${i.category}|${i.kind}`;
}

/** 申报与核实: what the household declared beside what verification established; differences in red. */
export function ApplicationFactsTab({ application: a }: { application: ApplicationDetail }) {
  const { t } = useTranslation();
  const names = new Map(a.members.map((m) => [m.personId, m.name]));
  const who = (id?: string) => (id ? (names.get(id) ?? id.slice(0, 8)) : t('assistance.facts.wholeHousehold'));
  const yuan = (fen: number | undefined) => (fen === undefined ? '—' : `${formatFen(fen)}`);
  const v = a.verified;
  const rows: FactRow[] = [];

  for (const p of a.declared.persons) {
    const found = v?.persons.find((x) => x.id === p.id);
    const describe = (x?: FactsView['persons'][number]) =>
      x
        ? [
            t(`assistance.relations.${x.relation}`, { defaultValue: x.relation }),
            x.birthDate,
            x.disability
              ? `${t(`assistance.disability.${x.disability.category}`)}${t('assistance.portal.level', { level: x.disability.level })}`
              : '',
          ]
            .filter(Boolean)
            .join(' · ')
        : '—';
    rows.push({
      key: `p-${p.id}`,
      group: t('assistance.facts.members'),
      item: who(p.id),
      declared: describe(p),
      verified: v ? describe(found) : '',
    });
  }
  const incomeKeys = new Set([...a.declared.incomes.map(incomeKey), ...(v?.incomes ?? []).map(incomeKey)]);
  for (const k of incomeKeys) {
    const d = a.declared.incomes.find((i) => incomeKey(i) === k);
    const f = v?.incomes.find((i) => incomeKey(i) === k);
    const sample = d ?? f;
    if (!sample) continue;
    rows.push({
      key: `i-${k}`,
      group: t('assistance.facts.incomes'),
      item: `${who(sample.memberId)} · ${t(`assistance.incomeCategories.${sample.category}`, { defaultValue: sample.category })}${sample.kind !== sample.category ? ` (${sample.kind})` : ''}`,
      declared: yuan(d?.amountFen),
      verified: v ? yuan(f?.amountFen ?? 0) : '',
    });
  }
  const assets = (x: FactsView | null) => x?.assets;
  rows.push({
    key: 'a-fin',
    group: t('assistance.facts.assets'),
    item: t('assistance.form.financialAssets'),
    declared: yuan(a.declared.assets.financialAssetsFen),
    verified: v ? yuan(assets(v)?.financialAssetsFen) : '',
  });
  const vehicles = (x?: FactsView['assets']) =>
    x ? x.vehicles.map((c) => formatFen(c.valueFen)).join('、') || t('assistance.facts.noneShort') : '—';
  rows.push({
    key: 'a-veh',
    group: t('assistance.facts.assets'),
    item: t('assistance.form.vehicle'),
    declared: vehicles(a.declared.assets),
    verified: v ? vehicles(assets(v)) : '',
  });
  const flag = (b?: boolean) => (b === undefined ? '—' : b ? t('common.yes') : t('common.no'));
  rows.push({
    key: 'a-dw',
    group: t('assistance.facts.assets'),
    item: t('assistance.portal.secondHome'),
    declared: flag(a.declared.assets.dwellingBeyondAreaRule),
    verified: v ? flag(assets(v)?.dwellingBeyondAreaRule) : '',
  });
  rows.push({
    key: 'a-biz',
    group: t('assistance.facts.assets'),
    item: t('assistance.portal.employer'),
    declared: flag(a.declared.assets.businessEmployingOthers),
    verified: v ? flag(assets(v)?.businessEmployingOthers) : '',
  });
  a.declared.spending.forEach((s, i) => {
    const f = v?.spending.find((x) => x.kind === s.kind && x.memberId === s.memberId);
    rows.push({
      key: `s-${i}`,
      group: t('assistance.facts.spending'),
      item: `${who(s.memberId)} · ${t(`assistance.spendingKinds.${s.kind}`, { defaultValue: s.kind })}`,
      declared: yuan(s.amountFen),
      verified: v ? yuan(f?.amountFen ?? 0) : '',
    });
  });

  return (
    <>
      {!v && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('assistance.facts.notVerified')} />}
      <Typography.Paragraph type="secondary">{t('assistance.facts.note')}</Typography.Paragraph>
      <Table<FactRow>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        data-testid="application-facts"
        columns={[
          { title: t('assistance.facts.group'), dataIndex: 'group', width: 110 },
          { title: t('assistance.facts.item'), dataIndex: 'item' },
          { title: t('assistance.facts.declared'), dataIndex: 'declared', align: 'right' },
          {
            title: t('assistance.facts.verified'),
            dataIndex: 'verified',
            align: 'right',
            render: (value: string, row) =>
              v && value !== row.declared ? (
                <Typography.Text type="danger" strong>
                  {value}
                </Typography.Text>
              ) : (
                value
              ),
          },
        ]}
      />
    </>
  );
}
