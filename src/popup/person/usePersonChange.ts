import type { Person } from '../../domain/types';
import type { Res } from '../../messages/contract';
import { errorText, useApi } from '../../ui/api';
import { t } from '../../ui/i18n';
import { useNav } from '../context';
import { restorePerson } from '../restore';

export type Detail = Res<'person'>;

/**
 * Runs one change to a person and puts its reverse on the undo stack: the person as they
 * were before, restored through setStage / setQualification / updatePerson.
 */
export function usePersonChange(detail: Detail, reload: () => Promise<void>) {
  const { send } = useApi();
  const { notifier } = useNav();
  const before = detail.person;

  return async function change(label: string, run: () => Promise<Person | void>, undoable = true): Promise<boolean> {
    try {
      await run();
      const undo = undoable
        ? async () => {
            const { person: current } = await send('person', { personId: before.id });
            await restorePerson(send, before, current);
          }
        : undefined;
      notifier.notify(label, undo);
      await reload();
      return true;
    } catch (e) {
      notifier.error(errorText(e, t('actionFailed')));
      return false;
    }
  };
}
