import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, DotLoading, Empty, ErrorBlock, List, Popup, Selector, Tag, TextArea, Toast } from 'antd-mobile';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { ApiError, api, errorText } from '../shared/api.ts';
import { formatDate } from '../shared/format.ts';
import type { PortalRateableCase, RatingDimension, RatingGrade } from '../shared/rating-types.ts';
import type { PortalMe } from '../shared/types.ts';
import { useLanguage } from '../shared/use-language.ts';
import { PortalAssistanceSection } from './assistance/assistance-section.tsx';
import { PortalBrand, PortalLangSwitch } from './brand.tsx';

export function PortalHomePage() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [leaving, setLeaving] = useState(false);
  const me = useQuery({
    queryKey: ['portal', 'me'],
    queryFn: ({ signal }) => api.get<PortalMe>('/portal/me', undefined, { signal, skipAuthRedirect: true }),
  });

  const logout = async () => {
    setLeaving(true);
    try {
      await api.post('/portal/logout', undefined, { skipAuthRedirect: true });
    } catch {
      // the session is gone either way
    }
    queryClient.clear();
    Toast.show({ content: t('portal.loggedOut') });
    navigate('/login', { replace: true });
  };

  if (me.isPending) {
    return (
      <div className="pm-page pm-center">
        <DotLoading color="primary" />
      </div>
    );
  }
  if (me.isError) {
    if (me.error instanceof ApiError && (me.error.status === 401 || me.error.status === 403)) {
      return <Navigate to="/login" replace />;
    }
    return (
      <div className="pm-page">
        <ErrorBlock status="default" title={t('common.loadFailed')} description={errorText(me.error, english)}>
          <Button color="primary" onClick={() => void me.refetch()}>
            {t('common.retry')}
          </Button>
        </ErrorBlock>
      </div>
    );
  }

  const data = me.data;
  const today = dayjs().startOf('day');

  return (
    <div className="pm-page">
      <header className="pm-hero pm-hero-compact">
        <PortalLangSwitch />
        <PortalBrand compact />
      </header>

      <section className="pm-card pm-identity" data-testid="portal-identity">
        <div className="pm-identity-name">{data.name}</div>
        <div className="pm-identity-row">
          <span>{t('portal.idNumber')}</span>
          <span className="pm-mono" data-testid="portal-id-masked">
            {data.idNumberMasked}
          </span>
        </div>
        <div className="pm-identity-row">
          <span>{t('portal.phone')}</span>
          <span className="pm-mono">{data.phoneMasked}</span>
        </div>
      </section>

      <section className="pm-card" data-testid="portal-household">
        <h2 className="pm-section-title">{t('portal.household')}</h2>
        {data.household ? (
          <>
            <List>
              <List.Item extra={<span className="pm-mono">{data.household.householdNo}</span>}>
                {t('portal.householdNo')}
              </List.Item>
              <List.Item description={data.household.address}>{t('portal.address')}</List.Item>
              <List.Item extra={data.household.regionName}>{t('portal.region')}</List.Item>
            </List>
            <List header={t('portal.members')}>
              {data.household.members.map((m) => (
                <List.Item
                  key={`${m.name}-${m.relationName}`}
                  extra={t('common.yearsOld', { age: m.age })}
                  description={m.relationName}
                >
                  {m.name}
                </List.Item>
              ))}
            </List>
          </>
        ) : (
          <Empty description={t('portal.noHousehold')} />
        )}
      </section>

      <section className="pm-card" data-testid="portal-cases">
        <h2 className="pm-section-title">{t('portal.cases')}</h2>
        {data.cases.length === 0 ? (
          <Empty description={t('portal.noCases')} />
        ) : (
          <List>
            {data.cases.map((c) => {
              const overdue = c.dueOn ? dayjs(c.dueOn).isBefore(today) : false;
              return (
                <List.Item
                  key={c.caseNo}
                  data-testid="portal-case"
                  title={<span className="pm-mono">{c.caseNo}</span>}
                  description={
                    <span>
                      {t('portal.receivedOn')} {formatDate(c.receivedOn)} · {t('portal.dueOn')}{' '}
                      <span className={overdue ? 'pm-overdue' : undefined}>{formatDate(c.dueOn)}</span>
                    </span>
                  }
                  extra={
                    <Tag color="primary" fill="outline" style={{ fontSize: 14 }}>
                      {c.stateName}
                    </Tag>
                  }
                >
                  {c.title}
                </List.Item>
              );
            })}
          </List>
        )}
      </section>

      <PortalAssistanceSection />

      <PortalRatingSection />

      <div className="pm-actions">
        <Button block size="large" onClick={logout} loading={leaving} data-testid="portal-logout">
          {t('portal.logout')}
        </Button>
      </div>
      <footer className="pm-footer">{t('app.footer')}</footer>
    </div>
  );
}

const GRADES: { code: RatingGrade; stars: number }[] = [
  { code: 'very_satisfied', stars: 5 },
  { code: 'satisfied', stars: 4 },
  { code: 'basically_satisfied', stars: 3 },
  { code: 'dissatisfied', stars: 2 },
  { code: 'very_dissatisfied', stars: 1 },
];
const DIMENSIONS: RatingDimension[] = [
  'efficiency',
  'competence',
  'attitude',
  'guide_accuracy',
  'convenience',
  'usability',
];

/** 好差评: the resident's closed cases, each rated once (GB/T 39734 一事一评). */
function PortalRatingSection() {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const [rating, setRating] = useState<PortalRateableCase | null>(null);
  const closed = useQuery({
    queryKey: ['portal', 'ratings'],
    queryFn: ({ signal }) =>
      api.get<{ items: PortalRateableCase[] }>('/portal/ratings', undefined, { signal, skipAuthRedirect: true }),
  });
  if (!closed.data) return null;
  return (
    <section className="pm-card" data-testid="portal-ratings">
      <h2 className="pm-section-title">{t('rating.toRate')}</h2>
      {closed.data.items.length === 0 ? (
        <Empty description={t('rating.noClosed')} />
      ) : (
        <List>
          {closed.data.items.map((c) => (
            <List.Item
              key={c.caseId}
              title={<span className="pm-mono">{c.caseNo}</span>}
              description={english ? c.stateNameEn : c.stateName}
              extra={
                c.rating ? (
                  <Tag color="success" fill="outline" style={{ fontSize: 14 }} data-testid="portal-rated">
                    {t('rating.rated', { grade: t(`rating.grades.${c.rating.grade}`) })}
                  </Tag>
                ) : (
                  <Button size="small" color="primary" data-testid="portal-rate" onClick={() => setRating(c)}>
                    {t('rating.rateButton')}
                  </Button>
                )
              }
            >
              {c.title}
            </List.Item>
          ))}
        </List>
      )}
      <Popup
        visible={rating !== null}
        onMaskClick={() => setRating(null)}
        bodyStyle={{ maxHeight: '85vh', overflowY: 'auto' }}
      >
        {rating && <RatingForm target={rating} onDone={() => setRating(null)} />}
      </Popup>
    </section>
  );
}

function RatingForm({ target, onDone }: { target: PortalRateableCase; onDone: () => void }) {
  const { t } = useTranslation();
  const { english } = useLanguage();
  const queryClient = useQueryClient();
  const [grade, setGrade] = useState<RatingGrade | undefined>();
  const [dimensions, setDimensions] = useState<RatingDimension[]>([]);
  const [comment, setComment] = useState('');
  const submit = useMutation({
    mutationFn: () =>
      api.post(
        '/portal/ratings',
        { caseId: target.caseId, grade, dimensions, comment: comment.trim() || undefined },
        {
          idempotent: true,
          skipAuthRedirect: true,
        },
      ),
    onSuccess: async () => {
      const poor = grade === 'dissatisfied' || grade === 'very_dissatisfied';
      Toast.show({
        icon: 'success',
        content: (
          <div>
            {t('rating.thanks')}
            {poor && <div>{t('rating.followUpNotice')}</div>}
          </div>
        ),
      });
      await queryClient.invalidateQueries({ queryKey: ['portal', 'ratings'] });
      onDone();
    },
    onError: (error) => Toast.show({ icon: 'fail', content: errorText(error, english) }),
  });
  return (
    <div className="pm-rating-form" style={{ padding: '16px 16px 24px' }} data-testid="portal-rating-form">
      <h2 className="pm-section-title">{t('rating.formTitle')}</h2>
      <div className="pm-mono" style={{ marginBottom: 12, color: '#666' }}>
        {target.caseNo} · {target.title}
      </div>
      <div style={{ margin: '8px 0' }}>{t('rating.gradeLabel')}</div>
      <Selector
        columns={1}
        options={GRADES.map((g) => ({
          value: g.code,
          label: (
            <span data-testid={`portal-rating-grade-${g.code}`}>
              <span style={{ color: '#faad14', letterSpacing: 2 }}>{'★'.repeat(g.stars)}</span>
              <span style={{ color: '#ddd', letterSpacing: 2 }}>{'★'.repeat(5 - g.stars)}</span>{' '}
              {t(`rating.grades.${g.code}`)}
            </span>
          ),
        }))}
        value={grade ? [grade] : []}
        onChange={(v) => setGrade(v[0])}
      />
      <div style={{ margin: '16px 0 8px' }}>{t('rating.dimensionsLabel')}</div>
      <Selector
        multiple
        columns={2}
        options={DIMENSIONS.map((d) => ({
          value: d,
          label: <span data-testid={`portal-rating-dimension-${d}`}>{t(`rating.dimensions.${d}`)}</span>,
        }))}
        value={dimensions}
        onChange={setDimensions}
      />
      <div style={{ margin: '16px 0 8px' }}>{t('rating.commentLabel')}</div>
      <TextArea
        id="portal-rating-comment"
        data-testid="portal-rating-comment"
        placeholder={t('rating.commentPlaceholder')}
        value={comment}
        onChange={setComment}
        maxLength={500}
        showCount
        rows={3}
      />
      <Button
        block
        color="primary"
        size="large"
        style={{ marginTop: 16 }}
        disabled={!grade}
        loading={submit.isPending}
        data-testid="portal-rating-submit"
        onClick={() => {
          if (grade) submit.mutate();
          else Toast.show(t('rating.chooseGrade'));
        }}
      >
        {t('rating.submit')}
      </Button>
    </div>
  );
}
