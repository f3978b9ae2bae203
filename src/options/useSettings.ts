import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../domain/types';
import { errorText, useApi } from '../ui/api';
import { t } from '../ui/i18n';

export type SaveSettings = (patch: Partial<Settings>, what: string) => Promise<boolean>;

/** The stored settings, and a save that announces its result. */
export function useSettings(announce: (text: string, kind?: 'info' | 'error') => void, version: number) {
  const { send } = useApi();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    send('settingsGet', {})
      .then((r) => setSettings(r.settings))
      .catch((e: unknown) => setError(errorText(e, t('loadFailed'))));
  }, [version]);
  const save: SaveSettings = async (patch, what) => {
    try {
      const r = await send('settingsSet', { settings: patch });
      setSettings(r.settings);
      announce(t('savedWhat', what));
      return true;
    } catch (e) {
      announce(errorText(e, t('saveFailed')), 'error');
      return false;
    }
  };
  return { settings, error, save };
}
