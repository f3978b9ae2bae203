import type { PersonRow } from '../messages/contract';
import { SignalChips, SiteIcon, StageBadge } from '../ui/components';
import { displayName, handleLabel, relativeDay } from '../ui/format';
import { t } from '../ui/i18n';
import { useApi } from '../ui/api';
import { useNav } from './context';

/**
 * People as a list of buttons; each opens the person. Names are text nodes, never markup.
 * A row wears the stage and at most one signal, the most urgent: the person's page has the rest.
 */
export function PersonList({ rows, label }: { rows: PersonRow[]; label: string }) {
  const { go } = useNav();
  const { now } = useApi();
  const today = now();
  return (
    <ul class="plain person-list" aria-label={label}>
      {rows.map(({ person, signals }) => {
        const site = person.identities[0]?.site;
        const handle = handleLabel(person.identities[0]);
        return (
          <li key={person.id}>
            <button type="button" class="person-row" onClick={() => go({ view: 'person', id: person.id })}>
              <span class="row between nowrap">
                <span class="row nowrap grow">
                  {site ? <SiteIcon site={site} /> : null}
                  <span class="person-name">{displayName(person)}</span>
                </span>
                <StageBadge stage={person.stage} onDrip={person.onDrip} reachOut={person.reachOut} />
              </span>
              <span class="row small muted">
                {handle ? <span>{handle}</span> : null}
                {person.nextFollowUpAt !== undefined && !person.onDrip && person.stage !== 'not_interested' ? (
                  <span>{t('followUpOn', relativeDay(person.nextFollowUpAt, today))}</span>
                ) : null}
                {person.nextStep ? <span>{t('nextStepShort', person.nextStep.text)}</span> : null}
              </span>
              <SignalChips signals={signals} limit={1} />
            </button>
          </li>
        );
      })}
    </ul>
  );
}
