import { Fold } from '../../ui/components';
import { useEffect, useState } from 'preact/hooks';
import { LIMITS } from '../../domain/limits';
import { useApi } from '../../ui/api';
import { displayName } from '../../ui/format';
import { t } from '../../ui/i18n';
import { usePersonChange, type Detail } from './usePersonChange';

/** Saved when the field loses focus; the snackbar offers the previous text back. */
export function Notes({ detail, reload, open = false }: { detail: Detail; reload: () => Promise<void>; open?: boolean }) {
  const { send } = useApi();
  const change = usePersonChange(detail, reload);
  const p = detail.person;
  const [text, setText] = useState(p.notes);
  useEffect(() => setText(p.notes), [p.notes]);
  return (
    <Fold id="notes" title={t('notesTitle')} open={open}>
      <textarea
          aria-labelledby="notes-title"
          value={text}
          maxLength={LIMITS.note}
          placeholder={t('notesPlaceholder')}
          onInput={(e) => setText(e.currentTarget.value)}
          onBlur={() => {
            if (text === p.notes) return;
            void change(t('notesSaved', displayName(p)), async () => (await send('updatePerson', { personId: p.id, notes: text })).person);
          }}
        />
      <p class="small muted">{t('notesHint')}</p>
    </Fold>
  );
}
