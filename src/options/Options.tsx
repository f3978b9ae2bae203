import { useEffect, useMemo, useState } from 'preact/hooks';
import { ErrorMessage, Loading, Snackbar, useNotifier } from '../ui/components';
import { t } from '../ui/i18n';
import { UndoStack } from '../ui/undo';
import { CadenceEditor } from './Cadence';
import { DeleteSection, ExportSection } from './Data';
import { ImportSection } from './import/ImportSection';
import { Language } from './Language';
import { HandRaisePosts, SiteHealth } from './Posts';
import { Routine } from './Routine';
import { Sites } from './Sites';
import { SyncSection } from './Sync';
import { useSettings } from './useSettings';

const SECTIONS = [
  ['language', 'languageTitle'],
  ['cadence', 'cadenceTitle'],
  ['routine', 'routineTitle'],
  ['notifications', 'notificationsTitle'],
  ['privacy', 'privacyTitle'],
  ['sites', 'sitesTitle'],
  ['posts', 'postsTitle'],
  ['health', 'healthTitle'],
  ['export', 'exportTitle'],
  ['import', 'importTitle'],
  ['sync', 'syncTitle'],
  ['delete', 'deleteTitle'],
] as const;

export function Options() {
  const stack = useMemo(() => new UndoStack(), []);
  const [notifier, snack, undo, dismiss] = useNotifier(stack);
  const [version, setVersion] = useState(0);
  const announce = (text: string, kind: 'info' | 'error' = 'info') => (kind === 'error' ? notifier.error(text) : notifier.notify(text));
  const { settings, error, save } = useSettings(announce, version);
  const refresh = () => setVersion((v) => v + 1);
  const [syncOn, setSyncOn] = useState(false);
  // Opened at a section (the popup's site-health hint): go there once the sections above it are drawn.
  const drawn = settings !== null || error !== null;
  useEffect(() => {
    if (drawn && location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
  }, [drawn]);

  return (
    <div class="options">
      <header class="options-head">
        <h1>{t('optionsTitle')}</h1>
        <nav aria-label={t('optionsNav')}>
          <ul class="plain toc">
            {SECTIONS.map(([id, key]) => (
              <li key={id}>
                <a href={`#${id}`}>{t(key)}</a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main>
        {error ? <ErrorMessage text={error} onRetry={refresh} /> : null}
        {!settings && !error ? <Loading /> : null}
        {settings ? (
          <>
            <Language settings={settings} save={save} />
            <CadenceEditor settings={settings} save={save} />
            <Routine settings={settings} save={save} />
            <Sites settings={settings} save={save} />
          </>
        ) : null}
        <HandRaisePosts notifier={notifier} version={version} />
        <SiteHealth version={version} />
        <ExportSection notifier={notifier} />
        {settings ? <ImportSection settings={settings} notifier={notifier} onImported={refresh} /> : null}
        <SyncSection notifier={notifier} version={version} onStatus={(s) => setSyncOn(s.configured)} />
        <DeleteSection notifier={notifier} onDeleted={refresh} syncOn={syncOn} />
      </main>
      <Snackbar
        snack={snack}
        stack={stack}
        onUndo={() => void undo().then(refresh)}
        onDismiss={dismiss}
      />
    </div>
  );
}
