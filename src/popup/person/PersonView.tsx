import { useEffect, useState } from 'preact/hooks';
import { ErrorMessage, Loading, SignalChips, StageBadge } from '../../ui/components';
import { errorText, useApi } from '../../ui/api';
import {
  displayName,
  formatDate,
  relativeDay,
  safeHref,
  siteLabel,
  sourceLabel,
} from '../../ui/format';
import { t } from '../../ui/i18n';
import { useNav } from '../context';
import { Appointments } from './Appointments';
import { LogTouch } from './LogTouch';
import { Merge } from './Merge';
import { NextStep } from './NextStep';
import { Notes } from './Notes';
import { Qualification } from './Qualification';
import { StageActions } from './StageActions';
import { Timeline } from './Timeline';
import { usePersonChange, type Detail } from './usePersonChange';

export function PersonView({ id, onBack }: { id: string; onBack: () => void }) {
  const { send } = useApi();
  const { version, live } = useNav();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = async () => {
    try {
      setDetail(await send('person', { personId: id }));
      setError(null);
    } catch (e) {
      setError(errorText(e, t('personNotFound')));
    }
  };
  useEffect(() => {
    void reload();
  }, [id, version, live]);

  return (
    <div class="stack person">
      <button type="button" class="btn link back" onClick={onBack}>
        ← {t('back')}
      </button>
      {error ? <ErrorMessage text={error} onRetry={() => void reload()} /> : null}
      {!detail && !error ? <Loading /> : null}
      {detail ? <PersonBody detail={detail} reload={reload} /> : null}
    </div>
  );
}

function PersonBody({ detail, reload }: { detail: Detail; reload: () => Promise<void> }) {
  const { now, send } = useApi();
  const change = usePersonChange(detail, reload);
  const p = detail.person;
  const name = displayName(p);
  return (
    <>
      <header class="person-head">
        <h2>{name}</h2>
        <StageBadge stage={p.stage} onDrip={p.onDrip} reachOut={p.reachOut} />
        <SignalChips signals={detail.signals} />
        <p class="small muted facts">
          <span>{t('exposuresCount', p.exposures)}</span>
          {p.nextFollowUpAt !== undefined ? <span>{t('followUpOn', relativeDay(p.nextFollowUpAt, now()))}</span> : null}
          {p.lastTouchAt !== undefined ? <span>{t('lastTouch', formatDate(p.lastTouchAt))}</span> : null}
          {p.market === 'non_market' ? <span>{t('nonMarket')}</span> : null}
        </p>
      </header>

      {detail.signals.chasing ? <p class="notice">{t('chasingExplain')}</p> : null}
      {detail.signals.noNextStep ? <p class="notice">{t('noNextStepExplain')}</p> : null}

      {detail.promotion && p.stage === 'lead' ? (
        <div class="notice" role="status">
          <p>{t('promotionSuggested', detail.promotion.reason)}</p>
          <button
            type="button"
            class="btn primary"
            onClick={() =>
              void change(t('movedTo', name, t('stageProspect')), async () =>
                (await send('setStage', { personId: p.id, stage: 'prospect' })).person,
              )
            }
          >
            {t('promoteToProspect')}
          </button>
        </div>
      ) : null}

      <section aria-labelledby="profiles-title" class="card">
        <h3 id="profiles-title">{t('profilesTitle')}</h3>
        {p.identities.length === 0 ? <p class="small muted">{t('noProfiles')}</p> : null}
        <ul class="plain">
          {p.identities.map((idn) => {
            const href = safeHref(idn.profileUrl);
            const label = `${siteLabel(idn.site)}: ${idn.handle ? `@${idn.handle}` : idn.displayName}`;
            return (
              <li key={idn.profileKey}>
                {href ? (
                  <a href={href} target="_blank" rel="noopener noreferrer">
                    {label}
                  </a>
                ) : (
                  <span>{label}</span>
                )}
              </li>
            );
          })}
        </ul>
        {p.sources.length > 0 ? (
          <>
            <h4>{t('sourcesTitle')}</h4>
            <ul class="plain small">
              {p.sources.map((s, i) => {
                const href = safeHref(s.contextUrl);
                return (
                  <li key={i}>
                    {t('sourceLine', sourceLabel(s.kind), formatDate(s.at))}
                    {s.site ? ` · ${siteLabel(s.site)}` : ''}
                    {s.referrer ? ` · ${t('referredBy', s.referrer)}` : ''}
                    {href ? (
                      <>
                        {' · '}
                        <a href={href} target="_blank" rel="noopener noreferrer">
                          {t('openWhereItHappened')}
                        </a>
                      </>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </>
        ) : null}
      </section>

      <StageActions detail={detail} reload={reload} />
      <LogTouch detail={detail} reload={reload} key={`log-${p.id}`} />
      {p.stage === 'prospect' || p.nextStep ? <NextStep detail={detail} reload={reload} key={`ns-${p.nextStep?.text ?? ''}`} /> : null}
      {p.stage === 'prospect' ? <Qualification detail={detail} reload={reload} /> : null}
      <Appointments detail={detail} reload={reload} />
      <Notes detail={detail} reload={reload} />
      <Timeline touches={detail.touches} />
      <Merge detail={detail} reload={reload} />
    </>
  );
}
