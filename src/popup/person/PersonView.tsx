import { useEffect, useState } from 'preact/hooks';
import { mailtoHref, telHref, whatsappHref } from '../../domain/contact';
import { openLinkOf } from '../../domain/conversation';
import type { PromotionReason } from '../../domain/promotion';
import type { Direction } from '../../domain/types';
import { ErrorMessage, Loading, SignalChips, SiteIcon, StageBadge } from '../../ui/components';
import { errorText, useApi } from '../../ui/api';
import { displayName, formatDate, handleLabel, relativeDay, safeHref } from '../../ui/format';
import { t, tp, type MessageKey } from '../../ui/i18n';
import { useNav } from '../context';
import { asksNextStep, NextStepPrompt, QuickLogButtons } from '../quick';
import { Appointments } from './Appointments';
import { ContactDetails } from './ContactDetails';
import { DeletePerson } from './DeletePerson';
import { LogTouch } from './LogTouch';
import { Merge } from './Merge';
import { NextStep } from './NextStep';
import { Notes } from './Notes';
import { Qualification } from './Qualification';
import { StageActions } from './StageActions';
import { Timeline } from './Timeline';
import { usePersonChange, type Detail } from './usePersonChange';

/** A sentence for every reason the extension suggests a promotion (domain/promotion). */
export const PROMOTION_REASON_KEYS: Record<PromotionReason, MessageKey> = {
  replied_after_outreach: 'whyRepliedAfterOutreach',
  appointment_set: 'whyAppointmentSet',
  questions_after_exposure: 'whyQuestionsAfterExposure',
  second_exposure_agreed: 'whySecondExposure',
  positive_response: 'whyPositiveResponse',
};

const OPEN_LINK_KEYS = { conversation: 'openConversation', post: 'openPost', profile: 'openProfile' } as const;

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
      <div class="row between">
        <button type="button" class="btn link back" onClick={onBack}>
          ← {t('back')}
        </button>
        <button type="button" class="btn link" onClick={() => void send('openHandraiser', { view: 'workspace' }).catch(() => setError(t('actionFailed')))}>
          {t('openWorkspace')}
        </button>
      </div>
      {error ? <ErrorMessage text={error} onRetry={() => void reload()} /> : null}
      {!detail && !error ? <Loading /> : null}
      {detail ? <PersonBody detail={detail} reload={reload} onDeleted={onBack} /> : null}
    </div>
  );
}

/** Links that pick the conversation up: the thread (or post, or profile), each profile, WhatsApp, phone, e-mail. */
function ContactLinks({ detail }: { detail: Detail }) {
  const p = detail.person;
  const name = displayName(p);
  const link = openLinkOf(p, detail.touches);
  const open = link && link.kind !== 'profile' ? safeHref(link.url) : undefined;
  const wa = p.phone ? whatsappHref(p.phone) : undefined;
  const tel = p.phone ? telHref(p.phone) : undefined;
  const mail = p.email ? mailtoHref(p.email) : undefined;
  if (!open && p.identities.length === 0 && !tel && !mail) return null;
  return (
    <ul class="plain row contact-links" aria-label={t('contactLinksLabel', name)}>
      {open && link ? (
        <li>
          <a class="btn small primary" href={open} target="_blank" rel="noopener noreferrer">
            {t(OPEN_LINK_KEYS[link.kind])}
          </a>
        </li>
      ) : null}
      {p.identities.map((idn) => {
        const href = safeHref(idn.profileUrl);
        const label = handleLabel(idn) ?? idn.displayName;
        return href ? (
          <li key={idn.profileKey}>
            <a class="btn small" href={href} target="_blank" rel="noopener noreferrer">
              <SiteIcon site={idn.site} /> {label}
            </a>
          </li>
        ) : null;
      })}
      {wa ? (
        <li>
          <a class="btn small" href={wa} target="_blank" rel="noopener noreferrer" aria-label={t('whatsappNamed', name)}>
            WhatsApp
          </a>
        </li>
      ) : null}
      {tel ? (
        <li>
          <a class="btn small" href={tel} aria-label={t('callNamed', name)}>
            {t('callShort')}
          </a>
        </li>
      ) : null}
      {mail ? (
        <li>
          <a class="btn small" href={mail} aria-label={t('emailNamed', name)}>
            {t('emailShort')}
          </a>
        </li>
      ) : null}
    </ul>
  );
}

/**
 * A person's page, what a seller needs first at the top: who, where to pick the conversation
 * up, the last touches, and two one-tap buttons to log it (the full form unfolds on demand).
 * The rest folds; for a lead every section starts folded (a lead has no exposures or
 * qualification to show yet).
 */
function PersonBody({ detail, reload, onDeleted }: { detail: Detail; reload: () => Promise<void>; onDeleted: () => void }) {
  const { now, send } = useApi();
  const change = usePersonChange(detail, reload);
  const [asking, setAsking] = useState(false);
  const p = detail.person;
  const name = displayName(p);
  const lead = p.stage === 'lead';
  const logged = (direction: Direction) => {
    if (asksNextStep(p, direction)) setAsking(true);
    void reload();
  };
  const promote = () =>
    void change(t('movedTo', name, t('stageProspect')), async () => (await send('setStage', { personId: p.id, stage: 'prospect' })).person);
  const hasUpcoming = detail.appointments.some((a) => a.status === 'scheduled' && a.at >= now());
  return (
    <>
      <header class="person-head">
        <h2>{name}</h2>
        <div class="row">
          <StageBadge stage={p.stage} onDrip={p.onDrip} reachOut={p.reachOut} />
          <SignalChips signals={detail.signals} />
        </div>
        <p class="small muted facts">
          {p.nextFollowUpAt !== undefined ? <span>{t('followUpOn', relativeDay(p.nextFollowUpAt, now()))}</span> : null}
          {p.lastTouchAt !== undefined ? <span>{t('lastTouch', formatDate(p.lastTouchAt))}</span> : null}
          {p.exposures > 0 || !lead ? <span>{tp('exposuresCount', p.exposures)}</span> : null}
          {p.market === 'non_market' ? <span>{t('nonMarket')}</span> : null}
        </p>
        <ContactLinks detail={detail} />
      </header>

      <section class="card quick-log" aria-labelledby="quick-title">
        <h3 id="quick-title">{t('quickLogTitle')}</h3>
        <div class="row">
          <QuickLogButtons person={p} onLogged={logged} />
          {lead && !p.reachOut && !detail.promotion ? (
            <button type="button" class="btn small" onClick={promote}>
              {t('promoteToProspect')}
            </button>
          ) : null}
        </div>
        {asking ? <NextStepPrompt person={p} onDone={() => setAsking(false)} /> : null}
        <details class="more-log">
          <summary>{t('quickMore')}</summary>
          <LogTouch detail={detail} reload={reload} key={`log-${p.id}`} />
        </details>
      </section>

      {detail.promotion && lead ? (
        <div class="notice" role="status">
          <p>{t('promotionSuggested', t(PROMOTION_REASON_KEYS[detail.promotion.reason]))}</p>
          <button type="button" class="btn primary" onClick={promote}>
            {t('promoteToProspect')}
          </button>
        </div>
      ) : null}
      {detail.signals.chasing ? <p class="notice">{t('chasingExplain')}</p> : null}
      {detail.signals.noNextStep ? <p class="notice">{t('noNextStepExplain')}</p> : null}

      <Timeline touches={detail.touches} />

      {p.stage === 'prospect' || p.nextStep ? (
        <NextStep detail={detail} reload={reload} open={!lead} key={`ns-${p.nextStep?.text ?? ''}`} />
      ) : null}
      {p.stage === 'prospect' ? <Qualification detail={detail} reload={reload} open /> : null}
      <StageActions detail={detail} reload={reload} open={!lead && p.stage !== 'prospect'} />
      <Appointments detail={detail} reload={reload} open={hasUpcoming} />
      <Notes detail={detail} reload={reload} open={!lead && p.notes.trim() !== ''} />
      <ContactDetails detail={detail} reload={reload} key={`contact-${p.name}-${p.phone ?? ''}-${p.email ?? ''}`} />
      <Merge detail={detail} reload={reload} />
      <DeletePerson detail={detail} onDeleted={onDeleted} />
    </>
  );
}
