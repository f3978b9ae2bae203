import { useEffect, useMemo, useState } from 'preact/hooks';
import { Snackbar, useNotifier } from '../ui/components';
import { useApi } from '../ui/api';
import { t } from '../ui/i18n';
import { UndoStack } from '../ui/undo';
import { Board } from './Board';

/**
 * The workspace: the whole pipeline on a full page, in one tab (background/tabs opens or
 * focuses it). The same messages and undo as the popup; it reads everything again when the
 * background says data changed (a chip, the popup, another tab).
 */
export function Workspace({ stack }: { stack?: UndoStack }) {
  const api = useApi();
  const undoStack = useMemo(() => stack ?? new UndoStack(), [stack]);
  const [notifier, snack, undo, dismiss] = useNotifier(undoStack);
  const [version, setVersion] = useState(0);
  useEffect(() => api.onChanged?.(() => setVersion((v) => v + 1)), []);

  return (
    <div class="workspace">
      <header class="topbar">
        <h1 class="brand">{t('workspaceTitle')}</h1>
        <button type="button" class="btn icon" onClick={() => api.openOptions()} aria-label={t('openSettings')} title={t('openSettings')}>
          ⚙
        </button>
      </header>
      <main id="main">
        <Board notifier={notifier} version={version} />
      </main>
      <Snackbar
        snack={snack}
        stack={undoStack}
        onUndo={() =>
          void undo().then(() => setVersion((v) => v + 1))
        }
        onDismiss={dismiss}
      />
    </div>
  );
}
