import { useEffect, useMemo, useState } from 'preact/hooks';
import { Snackbar, useNotifier } from '../ui/components';
import { t } from '../ui/i18n';
import { UndoStack } from '../ui/undo';
import { useApi } from '../ui/api';
import { NavContext, type PopupNav } from './context';
import { AddPerson } from './AddPerson';
import { Insight } from './Insight';
import { PersonView } from './person/PersonView';
import { Pipeline } from './Pipeline';
import { parseRoute, routeQuery, type Route, type View } from './route';
import { Today } from './Today';

type ListView = Exclude<View, 'person' | 'add'>;

const TABS: { view: ListView; label: () => string }[] = [
  { view: 'today', label: () => t('tabToday') },
  { view: 'pipeline', label: () => t('tabPipeline') },
  { view: 'insight', label: () => t('tabInsight') },
];

export function App({ initial, stack }: { initial?: Route; stack?: UndoStack }) {
  const api = useApi();
  const undoStack = useMemo(() => stack ?? new UndoStack(), [stack]);
  const [route, setRoute] = useState<Route>(() => initial ?? parseRoute(location.search));
  /** Where "Back" from a person (or from adding one) goes. */
  const [lastList, setLastList] = useState<ListView>(route.view === 'person' || route.view === 'add' ? 'today' : route.view);
  const [version, setVersion] = useState(0);
  const [live, setLive] = useState(0);
  useEffect(() => api.onChanged?.(() => setLive((n) => n + 1)), []);
  const [notifier, snack, undo, dismiss] = useNotifier(undoStack);

  useEffect(() => {
    try {
      history.replaceState(null, '', routeQuery(route));
    } catch {
      // not fatal: the address only matters for reopening
    }
    if (route.view !== 'person' && route.view !== 'add') setLastList(route.view);
    document.getElementById('main')?.focus();
  }, [route.view, route.id, route.signal]);

  const nav: PopupNav = {
    go: setRoute,
    notifier,
    version,
    live,
  };
  const onUndo = async () => {
    await undo();
    setVersion((v) => v + 1);
  };

  return (
    <NavContext.Provider value={nav}>
      <div class="app">
        <header class="topbar">
          <h1 class="brand">{t('extName')}</h1>
          <nav aria-label={t('navLabel')} class="tabs">
            {TABS.map((tab) => (
              <button
                key={tab.view}
                type="button"
                class="tab"
                aria-current={route.view === tab.view ? 'page' : undefined}
                onClick={() => setRoute({ view: tab.view })}
              >
                {tab.label()}
              </button>
            ))}
          </nav>
          <button
            type="button"
            class="btn icon"
            onClick={() => void api.send('openHandraiser', { view: 'workspace' }).catch(() => notifier.error(t('actionFailed')))}
            aria-label={t('openWorkspaceLong')}
            title={t('openWorkspaceLong')}
          >
            ▦
          </button>
          <button type="button" class="btn icon" onClick={() => api.openOptions()} aria-label={t('openSettings')} title={t('openSettings')}>
            ⚙
          </button>
        </header>
        {/* Focusable so keyboard users can scroll it when a screen holds no control (Insight). */}
        <main id="main" tabIndex={0}>
          {route.view === 'today' ? <Today /> : null}
          {route.view === 'pipeline' ? <Pipeline signal={route.signal} key={route.signal ?? ''} /> : null}
          {route.view === 'add' ? <AddPerson onCancel={() => setRoute({ view: lastList })} /> : null}
          {route.view === 'insight' ? <Insight /> : null}
          {route.view === 'person' && route.id ? (
            <PersonView id={route.id} key={route.id} onBack={() => setRoute({ view: lastList })} />
          ) : null}
        </main>
        <Snackbar snack={snack} stack={undoStack} onUndo={() => void onUndo()} onDismiss={dismiss} />
      </div>
    </NavContext.Provider>
  );
}
