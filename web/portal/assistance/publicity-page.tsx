import { useQuery } from '@tanstack/react-query';
import { Button, DotLoading, Empty, ErrorBlock, Popup, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, errorText } from '../../shared/api.ts';
import type { PublicityPage } from '../../shared/assistance-types.ts';
import { formatDate, formatFen } from '../../shared/format.ts';
import { useLanguage } from '../../shared/use-language.ts';
import { PortalBrand, PortalLangSwitch } from '../brand.tsx';
import { MobileInput } from '../mobile-input.tsx';
import './assistance.css';

/**
 * 公示 of one village, open to everyone without signing in (a QR code on the village notice board points here):
 * masked names, programme, members and monthly amount, and a way to object during the notice period.
 */
export function PublicityPublicPage() {
  const { village = '' } = useParams();
  const { t } = useTranslation();
  const { english } = useLanguage();
  const [objecting, setObjecting] = useState<string | null>(null);
  const [content, setContent] = useState('');
  const [contact, setContact] = useState('');
  const [sending, setSending] = useState(false);
  const query = useQuery({
    queryKey: ['public', 'publicity', village],
    queryFn: ({ signal }) =>
      api.get<PublicityPage>('/public/publicity', { village }, { signal, skipAuthRedirect: true }),
  });

  const send = async () => {
    if (!objecting) return;
    setSending(true);
    try {
      await api.post(
        `/public/publicity/${encodeURIComponent(objecting)}/objections`,
        { content, contact },
        { skipAuthRedirect: true },
      );
      Toast.show({ icon: 'success', content: t('assistance.publicity.objectionSent') });
      setObjecting(null);
      setContent('');
      setContact('');
    } catch (err) {
      Toast.show({ icon: 'fail', content: errorText(err, english), duration: 4000 });
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="pm-page" data-testid="publicity-page">
      <header className="pm-hero pm-hero-compact">
        <PortalLangSwitch />
        <PortalBrand compact />
      </header>
      <section className="pm-card">
        <h2 className="pm-section-title">{t('assistance.publicity.title')}</h2>
        {query.isPending && <DotLoading color="primary" />}
        {query.isError && (
          <ErrorBlock status="default" title={t('common.loadFailed')} description={errorText(query.error, english)} />
        )}
        {query.data && (
          <>
            <div className="pm-tip" style={{ marginTop: 0 }} data-testid="publicity-village">
              {query.data.villageName}
            </div>
            {query.data.items.length === 0 ? (
              <Empty description={t('assistance.publicity.empty')} />
            ) : (
              <table className="pm-public-table" data-testid="publicity-table">
                <thead>
                  <tr>
                    <th>{t('assistance.publicity.name')}</th>
                    <th>{t('assistance.publicity.programme')}</th>
                    <th>{t('assistance.publicity.members')}</th>
                    <th>{t('assistance.publicity.amount')}</th>
                  </tr>
                </thead>
                <tbody>
                  {query.data.items.map((item) => (
                    <tr key={item.id} data-testid="publicity-row">
                      <td>
                        {item.maskedName}
                        <div className="pm-step-due">
                          {formatDate(item.startsOn)} ~ {formatDate(item.endsOn)}
                        </div>
                        <Button
                          size="mini"
                          fill="none"
                          color="primary"
                          style={{ padding: 0 }}
                          onClick={() => setObjecting(item.id)}
                        >
                          {t('assistance.publicity.object')}
                        </Button>
                      </td>
                      <td>{item.programmeName}</td>
                      <td className="pm-num">{item.members}</td>
                      <td className="pm-num">{formatFen(item.amountFen)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <div className="pm-tip">{t('assistance.publicity.note')}</div>
          </>
        )}
      </section>
      <Popup visible={objecting !== null} onMaskClick={() => setObjecting(null)}>
        <div style={{ padding: 16 }}>
          <h2 className="pm-section-title">{t('assistance.publicity.objectTitle')}</h2>
          <TextArea
            value={content}
            onChange={setContent}
            rows={4}
            maxLength={2000}
            showCount
            placeholder={t('assistance.publicity.objectPlaceholder')}
          />
          <MobileInput
            value={contact}
            onChange={setContact}
            placeholder={t('assistance.publicity.contact')}
            clearable
          />
          <Button block color="primary" style={{ marginTop: 12 }} loading={sending} onClick={send}>
            {t('common.submit')}
          </Button>
        </div>
      </Popup>
      <footer className="pm-footer">{t('app.footer')}</footer>
    </div>
  );
}
