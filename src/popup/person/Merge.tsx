import { useEffect, useState } from 'preact/hooks';
import type { PersonRow } from '../../messages/contract';
import { ConfirmDialog, StageBadge, useDebounced, Field, Fold } from '../../ui/components';
import { errorText, useApi } from '../../ui/api';
import { displayName } from '../../ui/format';
import { t, tp } from '../../ui/i18n';
import { useNav } from '../context';
import type { Detail } from './usePersonChange';

/** Same human, two profiles: pick the other one, confirm, and everything moves here. */
export function Merge({ detail, reload, open: unfolded = false }: { detail: Detail; reload: () => Promise<void>; open?: boolean }) {
  const { send } = useApi();
  const { notifier } = useNav();
  const p = detail.person;
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const query = useDebounced(text, 250);
  const [results, setResults] = useState<PersonRow[]>([]);
  const [chosen, setChosen] = useState<PersonRow | null>(null);

  useEffect(() => {
    if (!open || !query.trim()) {
      setResults([]);
      return;
    }
    let live = true;
    send('pipeline', { query: query.trim().replace(/^@/, ''), limit: 8 })
      .then((r) => live && setResults(r.rows.filter((row) => row.person.id !== p.id)))
      .catch(() => live && setResults([]));
    return () => {
      live = false;
    };
  }, [open, query]);

  const merge = async (other: PersonRow) => {
    setChosen(null);
    try {
      await send('merge', { keepId: p.id, otherId: other.person.id });
      notifier.notify(t('merged', displayName(other.person), displayName(p)));
      setOpen(false);
      setText('');
      await reload();
    } catch (e) {
      notifier.error(errorText(e, t('actionFailed')));
    }
  };

  return (
    <Fold id="merge" title={t('mergeTitle')} open={unfolded}>
      {!open ? (
        <button type="button" class="btn" onClick={() => setOpen(true)}>
          {t('mergeOpen')}
        </button>
      ) : (
        <div class="stack">
          <p class="small muted">{t('mergeHint', displayName(p))}</p>
          <Field label={t('mergeSearch')}>
            <input type="search" value={text} onInput={(e) => setText(e.currentTarget.value)} maxLength={200} />
          </Field>
          <p class="small muted" role="status">
            {query.trim() ? tp('mergeFound', results.length) : ''}
          </p>
          <ul class="plain person-list" aria-label={t('mergeCandidates')}>
            {results.map((r) => (
              <li key={r.person.id}>
                <button type="button" class="person-row" onClick={() => setChosen(r)}>
                  <span class="row between">
                    <span class="person-name">{displayName(r.person)}</span>
                    <StageBadge stage={r.person.stage} onDrip={r.person.onDrip} reachOut={r.person.reachOut} />
                  </span>
                  {r.person.identities[0] ? <span class="small muted">{r.person.identities[0].profileUrl}</span> : null}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" class="btn" onClick={() => setOpen(false)}>
            {t('cancel')}
          </button>
        </div>
      )}
      {chosen ? (
        <ConfirmDialog
          title={t('mergeConfirmTitle')}
          confirmLabel={t('mergeConfirm')}
          danger
          onCancel={() => setChosen(null)}
          onConfirm={() => void merge(chosen)}
        >
          <p>{t('mergeConfirmBody', displayName(chosen.person), displayName(p))}</p>
          <p class="small">{t('cannotUndo')}</p>
        </ConfirmDialog>
      ) : null}
    </Fold>
  );
}
