import { useState } from 'preact/hooks';
import { errorText, useApi } from '../../ui/api';
import { ConfirmDialog } from '../../ui/components';
import { displayName } from '../../ui/format';
import { t } from '../../ui/i18n';
import { useNav } from '../context';
import type { Detail } from './usePersonChange';

/**
 * Deletes one person, after asking. Everything of theirs comes back in the reply and goes on
 * the undo stack: Undo puts them back exactly as they were, until the popup closes.
 */
export function DeletePerson({ detail, onDeleted }: { detail: Detail; onDeleted: () => void }) {
  const { send } = useApi();
  const { notifier } = useNav();
  const [asking, setAsking] = useState(false);
  const name = displayName(detail.person);
  const run = async () => {
    setAsking(false);
    try {
      const { deleted } = await send('deletePerson', { personId: detail.person.id });
      notifier.notify(t('personDeleted', name), async () => {
        await send('restorePerson', deleted);
      });
      onDeleted();
    } catch (e) {
      notifier.error(errorText(e, t('actionFailed')));
    }
  };
  return (
    <div class="delete-person">
      <button type="button" class="btn danger-outline" onClick={() => setAsking(true)}>
        {t('deletePersonOpen', name)}
      </button>
      {asking ? (
        <ConfirmDialog title={t('deletePersonConfirmTitle', name)} confirmLabel={t('deletePersonConfirm')} danger onCancel={() => setAsking(false)} onConfirm={() => void run()}>
          <p>{t('deletePersonConfirmBody')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
