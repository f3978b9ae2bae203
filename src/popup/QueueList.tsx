import { useState } from 'preact/hooks';
import { whatsappHref } from '../domain/contact';
import { queueReason } from '../domain/focus';
import type { Direction } from '../domain/types';
import type { QueueRowView } from '../messages/contract';
import { useApi } from '../ui/api';
import { SignalChips, SiteIcon, StageBadge } from '../ui/components';
import { daysBetween, displayName, handleLabel, relativeDay, relativeMoment, safeHref } from '../ui/format';
import { t, tp, type MessageKey } from '../ui/i18n';
import { useNav } from './context';
import { asksNextStep, NextStepPrompt, QuickLogButtons } from './quick';

const OPEN_KEYS: Record<NonNullable<QueueRowView['link']>['kind'], MessageKey> = {
  conversation: 'openConversationNamed',
  post: 'openPostNamed',
  profile: 'openProfileNamed',
};

/** Why the person is in today's queue, in one line. */
export function reasonText(row: QueueRowView, now: number): string | null {
  const r = queueReason(row.person, now);
  if (!r) return null;
  switch (r.kind) {
    case 'replied':
      return t('reasonReplied', relativeMoment(r.at, now));
    case 'next_step':
      return t(r.overdue ? 'reasonNextStepOverdue' : 'reasonNextStep', relativeDay(r.at, now), row.person.nextStep?.text ?? '');
    case 'follow_up':
      return r.overdue ? tp('reasonFollowUpOverdue', daysBetween(r.at, now)) : t('reasonFollowUpToday');
  }
}

/**
 * Today's queue, one row per person: who (with the site), why now, and what to do: open the
 * conversation, then one tap to log "Sent" or "They replied". Names are text, never markup.
 */
export function QueueList({
  rows,
  label,
  onChanged,
  onHolding,
  ready = false,
}: {
  rows: QueueRowView[];
  label: string;
  /** The "ready to decide" tier: its heading says so already. */
  ready?: boolean;
  onChanged: () => void;
  /** True while a next step is asked for: the list must not be read again under the user's typing. */
  onHolding?: (holding: boolean) => void;
}) {
  const { go } = useNav();
  const { now } = useApi();
  const today = now();
  /** The prospect whose next step is being asked for, after a message you sent. */
  const [asking, setAsking] = useState<string | null>(null);
  const logged = (id: string, direction: Direction, stage: QueueRowView['person']['stage']) => {
    if (asksNextStep({ stage }, direction)) {
      setAsking(id);
      onHolding?.(true);
    } else onChanged();
  };
  return (
    <ul class="plain person-list queue-list" aria-label={label}>
      {rows.map((row) => {
        const { person } = row;
        const name = displayName(person);
        const site = person.identities[0]?.site;
        const handle = handleLabel(person.identities[0]);
        const href = safeHref(row.link?.url);
        const wa = person.phone ? whatsappHref(person.phone) : undefined;
        const reason = reasonText(row, today);
        return (
          <li key={person.id} class="queue-row">
            <div class="row between nowrap">
              <button type="button" class="person-link" onClick={() => go({ view: 'person', id: person.id })}>
                {site ? <SiteIcon site={site} /> : null}
                <span class="person-name">{name}</span>
                {handle ? <span class="small muted handle">{handle}</span> : null}
              </button>
              <StageBadge stage={person.stage} onDrip={person.onDrip} reachOut={person.reachOut} />
            </div>
            {reason ? <p class="small reason">{reason}</p> : null}
            {/* The reason line says what is due and the tier's heading whether they are ready: a chip adds only the rest. */}
            <SignalChips signals={{ ...row.signals, followUpDue: false, overdue: false, readyToDecide: row.signals.readyToDecide && !ready }} limit={1} />
            <div class="row actions">
              {href && row.link ? (
                <a class="btn small" href={href} target="_blank" rel="noopener noreferrer" aria-label={t(OPEN_KEYS[row.link.kind], name)}>
                  {t('openShort')}
                </a>
              ) : null}
              {wa ? (
                <a class="btn small" href={wa} target="_blank" rel="noopener noreferrer" aria-label={t('whatsappNamed', name)}>
                  WhatsApp
                </a>
              ) : null}
              <QuickLogButtons person={person} onLogged={(d) => logged(person.id, d, person.stage)} />
            </div>
            {asking === person.id ? (
              <NextStepPrompt
                person={person}
                onDone={() => {
                  setAsking(null);
                  onHolding?.(false);
                  onChanged();
                }}
              />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
