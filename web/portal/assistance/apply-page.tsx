import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Checkbox,
  DotLoading,
  ErrorBlock,
  ImageUploader,
  type ImageUploadItem,
  List,
  NavBar,
  Selector,
  Switch,
  TextArea,
  Toast,
} from 'antd-mobile';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { ApiError, api, errorText, newIdempotencyKey } from '../../shared/api.ts';
import type { PortalAssistanceForm } from '../../shared/assistance-types.ts';
import { useLanguage } from '../../shared/use-language.ts';
import { MobileInput } from '../mobile-input.tsx';
import { postOnce, uploadPortalDocument, yuanToFen } from './portal-files.ts';
import './assistance.css';

type IncomeCategory = 'wage' | 'business' | 'transfer';
interface MemberEntry {
  monthlyIncome: string;
  category: IncomeCategory;
  disabilityLevel: number;
  disabilityCategory: string;
  majorDisease: boolean;
}
const NEEDS = ['medical', 'education', 'housing', 'employment'] as const;
const DISABILITY_CATEGORIES = ['physical', 'visual', 'hearing', 'speech', 'intellectual', 'psychiatric', 'multiple'];
const EMPTY: MemberEntry = {
  monthlyIncome: '',
  category: 'wage',
  disabilityLevel: 0,
  disabilityCategory: 'physical',
  majorDisease: false,
};

/** 申请救助 from a phone: members from the registry, simple income and asset fields, photos of the signed papers. */
export function PortalApplyPage() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const navigate = useNavigate();
  const key = useRef(newIdempotencyKey());
  const files = useRef(new Map<string, File>());
  const form = useQuery({
    queryKey: ['portal', 'assistance', 'form'],
    queryFn: ({ signal }) =>
      api.get<PortalAssistanceForm>('/portal/assistance/form', undefined, { signal, skipAuthRedirect: true }),
  });
  const [area, setArea] = useState<'urban' | 'rural'>('urban');
  const [members, setMembers] = useState<Record<string, MemberEntry>>({});
  const [assets, setAssets] = useState('');
  const [vehicle, setVehicle] = useState('');
  const [secondHome, setSecondHome] = useState(false);
  const [employer, setEmployer] = useState(false);
  const [medical, setMedical] = useState('');
  const [education, setEducation] = useState('');
  const [emergency, setEmergency] = useState(false);
  const [needs, setNeeds] = useState<string[]>([]);
  const [needNote, setNeedNote] = useState('');
  const [authorisation, setAuthorisation] = useState<ImageUploadItem[]>([]);
  const [others, setOthers] = useState<ImageUploadItem[]>([]);
  const [consent, setConsent] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  if (form.isPending) {
    return (
      <div className="pm-page pm-center">
        <DotLoading color="primary" />
      </div>
    );
  }
  if (form.isError) {
    if (form.error instanceof ApiError && form.error.status === 401) return <Navigate to="/login" replace />;
    return <ErrorBlock status="default" title={t('common.loadFailed')} description={errorText(form.error, english)} />;
  }
  const data = form.data;
  const entry = (id: string) => members[id] ?? EMPTY;
  const setEntry = (id: string, patch: Partial<MemberEntry>) =>
    setMembers((all) => ({ ...all, [id]: { ...(all[id] ?? EMPTY), ...patch } }));

  /** Keeps the picked file on the phone until the application exists; the preview is a local object URL. */
  const keep = async (file: File): Promise<ImageUploadItem> => {
    const url = URL.createObjectURL(file);
    files.current.set(url, file);
    return { url };
  };

  const submit = async () => {
    const amounts = [assets, vehicle, medical, education, ...Object.values(members).map((m) => m.monthlyIncome)];
    if (amounts.some((a) => yuanToFen(a) === null)) {
      Toast.show({ icon: 'fail', content: t('assistance.portal.badAmount') });
      return;
    }
    if (authorisation.length === 0) {
      Toast.show({ icon: 'fail', content: t('assistance.portal.authorisationRequired') });
      return;
    }
    if (!consent) {
      Toast.show({ icon: 'fail', content: t('assistance.portal.consentRequired') });
      return;
    }
    const incomes = data.members
      .map((m) => ({ id: m.personId, e: entry(m.personId) }))
      .filter(({ e }) => (yuanToFen(e.monthlyIncome) ?? 0) > 0)
      .map(({ id, e }) => ({
        memberId: id,
        category: e.category,
        kind: e.category,
        amountFen: (yuanToFen(e.monthlyIncome) ?? 0) * 12,
      }));
    const declaredMembers = data.members
      .map((m) => ({ id: m.personId, e: entry(m.personId) }))
      .filter(({ e }) => e.disabilityLevel > 0 || e.majorDisease)
      .map(({ id, e }) => ({
        personId: id,
        ...(e.disabilityLevel > 0 ? { disability: { category: e.disabilityCategory, level: e.disabilityLevel } } : {}),
        ...(e.majorDisease ? { majorDisease: true } : {}),
      }));
    const spending = [
      { kind: 'medical', amountFen: yuanToFen(medical) ?? 0 },
      { kind: 'education', amountFen: yuanToFen(education) ?? 0 },
    ].filter((s) => s.amountFen > 0);
    const vehicleFen = yuanToFen(vehicle) ?? 0;
    setSubmitting(true);
    try {
      const created = await postOnce<{ caseId: string; caseNo: string }>(
        '/portal/assistance/applications',
        {
          area,
          requested: ['auto'],
          emergency,
          needs: needs.map((need) => ({ need, note: needNote.trim() || t(`assistance.needs.${need}`) })),
          members: declaredMembers,
          incomes,
          spending,
          assets: {
            financialAssetsFen: yuanToFen(assets) ?? 0,
            vehicles: vehicleFen > 0 ? [{ valueFen: vehicleFen }] : [],
            dwellingBeyondAreaRule: secondHome,
            businessEmployingOthers: employer,
          },
        },
        key.current,
      );
      let failed = 0;
      for (const [kind, items] of [
        ['authorisation', authorisation],
        ['other', others],
      ] as const) {
        for (const item of items) {
          const file = files.current.get(item.url);
          if (!file) continue;
          await uploadPortalDocument(created.caseId, kind, file).catch(() => {
            failed += 1;
          });
        }
      }
      Toast.show({
        icon: failed > 0 ? 'fail' : 'success',
        content: failed > 0 ? t('assistance.portal.uploadFailed', { n: failed }) : t('assistance.portal.submitted'),
        duration: 2500,
      });
      navigate(`/assistance/applications/${created.caseId}`, { replace: true });
    } catch (err) {
      Toast.show({ icon: 'fail', content: errorText(err, english), duration: 4000 });
    } finally {
      setSubmitting(false);
    }
  };

  const yuanInput = (value: string, onChange: (v: string) => void, testId: string) => (
    <MobileInput
      value={value}
      onChange={onChange}
      inputMode="decimal"
      placeholder="0"
      clearable
      testId={testId}
      style={{ '--text-align': 'right' }}
    />
  );

  return (
    <div className="pm-page" data-testid="portal-apply">
      <NavBar onBack={() => navigate('/')}>{t('assistance.portal.applyTitle')}</NavBar>
      <section className="pm-card pm-card-flat">
        <h2 className="pm-section-title">{t('assistance.portal.householdTitle')}</h2>
        {data.household ? (
          <div className="pm-tip" style={{ marginTop: 0 }}>
            {data.household.regionName} · {data.household.address}
          </div>
        ) : (
          <ErrorBlock status="empty" title={t('portal.noHousehold')} description={t('assistance.portal.noHousehold')} />
        )}
        <div style={{ margin: '12px 0 4px' }}>{t('assistance.portal.area')}</div>
        <Selector
          columns={2}
          value={[area]}
          onChange={(v) => v[0] && setArea(v[0])}
          options={(['urban', 'rural'] as const).map((a) => ({ value: a, label: t(`assistance.areas.${a}`) }))}
        />
      </section>

      {data.members.map((m) => {
        const e = entry(m.personId);
        return (
          <section className="pm-card pm-card-flat" key={m.personId} data-testid="portal-apply-member">
            <h2 className="pm-section-title">
              {m.name}{' '}
              <span className="pm-tip">
                {m.relationName} · {t('common.yearsOld', { age: m.age })}
              </span>
            </h2>
            <List>
              <List.Item
                title={t('assistance.portal.monthlyIncome')}
                extra={yuanInput(
                  e.monthlyIncome,
                  (v) => setEntry(m.personId, { monthlyIncome: v }),
                  `apply-income-${m.self ? 'self' : m.personId}`,
                )}
              />
            </List>
            <Selector
              columns={3}
              value={[e.category]}
              onChange={(v) => v[0] && setEntry(m.personId, { category: v[0] })}
              options={(['wage', 'business', 'transfer'] as const).map((c) => ({
                value: c,
                label: t(`assistance.incomeShort.${c}`),
              }))}
            />
            <div style={{ margin: '12px 0 4px' }}>{t('assistance.portal.disability')}</div>
            <Selector
              columns={5}
              value={[e.disabilityLevel]}
              onChange={(v) => setEntry(m.personId, { disabilityLevel: v[0] ?? 0 })}
              options={[0, 1, 2, 3, 4].map((level) => ({
                value: level,
                label: level === 0 ? t('assistance.portal.none') : t('assistance.portal.level', { level }),
              }))}
            />
            {e.disabilityLevel > 0 && (
              <Selector
                style={{ marginTop: 8 }}
                columns={4}
                value={[e.disabilityCategory]}
                onChange={(v) => v[0] && setEntry(m.personId, { disabilityCategory: v[0] })}
                options={DISABILITY_CATEGORIES.map((c) => ({ value: c, label: t(`assistance.disability.${c}`) }))}
              />
            )}
            <List>
              <List.Item
                extra={<Switch checked={e.majorDisease} onChange={(v) => setEntry(m.personId, { majorDisease: v })} />}
              >
                {t('assistance.portal.majorDisease')}
              </List.Item>
            </List>
          </section>
        );
      })}

      <section className="pm-card pm-card-flat">
        <h2 className="pm-section-title">{t('assistance.portal.assetsTitle')}</h2>
        <List>
          <List.Item
            title={t('assistance.portal.financialAssets')}
            extra={yuanInput(assets, setAssets, 'apply-assets')}
          />
          <List.Item title={t('assistance.portal.vehicle')} extra={yuanInput(vehicle, setVehicle, 'apply-vehicle')} />
          <List.Item extra={<Switch checked={secondHome} onChange={setSecondHome} />}>
            {t('assistance.portal.secondHome')}
          </List.Item>
          <List.Item extra={<Switch checked={employer} onChange={setEmployer} />}>
            {t('assistance.portal.employer')}
          </List.Item>
          <List.Item
            title={t('assistance.portal.medicalSpending')}
            extra={yuanInput(medical, setMedical, 'apply-medical')}
          />
          <List.Item
            title={t('assistance.portal.educationSpending')}
            extra={yuanInput(education, setEducation, 'apply-education')}
          />
        </List>
      </section>

      <section className="pm-card pm-card-flat">
        <h2 className="pm-section-title">{t('assistance.portal.needsTitle')}</h2>
        <List>
          <List.Item
            extra={<Switch checked={emergency} onChange={setEmergency} />}
            description={t('assistance.portal.emergencyHint')}
          >
            {t('assistance.portal.emergency')}
          </List.Item>
        </List>
        <div style={{ margin: '12px 0 4px' }}>{t('assistance.portal.otherNeeds')}</div>
        <Selector
          multiple
          columns={2}
          value={needs}
          onChange={setNeeds}
          options={NEEDS.map((n) => ({ value: n, label: t(`assistance.needs.${n}`) }))}
        />
        {needs.length > 0 && (
          <TextArea
            style={{ marginTop: 8 }}
            placeholder={t('assistance.portal.needNote')}
            value={needNote}
            onChange={setNeedNote}
            maxLength={500}
            rows={2}
          />
        )}
      </section>

      <section className="pm-card pm-card-flat">
        <h2 className="pm-section-title">{t('assistance.portal.photosTitle')}</h2>
        <div style={{ margin: '4px 0' }}>{t('assistance.portal.authorisationPhoto')}</div>
        <div className="pm-tip" style={{ margin: '0 0 8px' }}>
          {t('assistance.portal.authorisationHint')}
        </div>
        <div data-testid="apply-authorisation">
          <ImageUploader
            value={authorisation}
            onChange={setAuthorisation}
            upload={keep}
            accept="image/*"
            capture="environment"
            maxCount={3}
          />
        </div>
        <div style={{ margin: '12px 0 8px' }}>{t('assistance.portal.otherPhotos')}</div>
        <ImageUploader value={others} onChange={setOthers} upload={keep} accept="image/*" maxCount={9} />
      </section>

      <section className="pm-card pm-card-flat">
        <Checkbox checked={consent} onChange={setConsent} data-testid="apply-consent">
          {t('assistance.portal.consent')}
        </Checkbox>
      </section>
      <div className="pm-actions">
        <Button
          block
          color="primary"
          size="large"
          loading={submitting}
          disabled={!data.household}
          onClick={submit}
          data-testid="apply-submit"
        >
          {t('assistance.portal.submit')}
        </Button>
      </div>
      <footer className="pm-footer">{t('app.footer')}</footer>
    </div>
  );
}
