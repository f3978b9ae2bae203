import { useState } from 'preact/hooks';
import type { Notifier } from '../../ui/components';
import { errorText, useApi } from '../../ui/api';
import { t } from '../../ui/i18n';
import type { FileSettings as Changes } from './settingsChanges';

/**
 * After an import: the backup's settings that differ from the user's, applied only if the user
 * chooses to. Message-text storage is never among what this turns on (settingsChanges).
 */
export function FileSettings({ changes, notifier, onDone }: { changes: Changes; notifier: Notifier; onDone: (applied: boolean) => void }) {
  const { send } = useApi();
  const [busy, setBusy] = useState(false);
  const apply = async () => {
    setBusy(true);
    try {
      await send('settingsSet', { settings: changes.patch });
      notifier.notify(t('fileSettingsApplied'));
      onDone(true);
    } catch (e) {
      notifier.error(errorText(e, t('saveFailed')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="stack file-settings" role="group" aria-labelledby="file-settings-title">
      <h3 id="file-settings-title">{t('fileSettingsTitle')}</h3>
      {changes.changes.length > 0 ? (
        <>
          <p>{t('fileSettingsIntro')}</p>
          <ul class="setting-changes">
            {changes.changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </>
      ) : null}
      {changes.storeTextHeldBack ? <p class="notice">{t('fileSettingsStoreTextHeld')}</p> : null}
      <div class="row">
        {changes.changes.length > 0 ? (
          <button type="button" class="btn primary" disabled={busy} onClick={() => void apply()}>
            {t('fileSettingsApply')}
          </button>
        ) : null}
        <button type="button" class="btn" disabled={busy} onClick={() => onDone(false)}>
          {t('fileSettingsKeep')}
        </button>
      </div>
    </div>
  );
}
