/**
 * The options page's Sync section (docs/sync.md): set sync up with a server the user names,
 * see how it goes (last sync, changes waiting, the last problem in plain words, what a merge
 * kept), sync now, choose the settings that sync, turn it off.
 */
import { useEffect, useState } from 'preact/hooks';
import type { SyncStatusView } from '../messages/contract';
import { SYNC_SETTING_KEYS, type SyncProblem, type SyncSettingKey } from '../messages/wire-names';
import { errorText, useApi } from '../ui/api';
import { ConfirmDialog, Field, type Notifier } from '../ui/components';
import { formatDateTime, formatNumber } from '../ui/format';
import { t, type MessageKey } from '../ui/i18n';

const PROBLEM_KEYS: Record<SyncProblem, MessageKey> = {
  insecure: 'syncProblemInsecure',
  unauthorized: 'syncProblemUnauthorized',
  unreachable: 'syncProblemUnreachable',
  no_database: 'syncProblemNoDatabase',
  out_of_space: 'syncProblemOutOfSpace',
  local_space: 'syncProblemLocalSpace',
  wrong_passphrase: 'syncProblemWrongPassphrase',
  no_permission: 'syncProblemNoPermission',
  not_couchdb: 'syncProblemNotCouchdb',
  unreadable: 'syncProblemUnreadable',
  failed: 'syncProblemFailed',
};

const SETTING_KEYS: Record<SyncSettingKey, MessageKey> = {
  cadence: 'syncSettingCadence',
  dailyGoal: 'syncSettingDailyGoal',
  quietHours: 'syncSettingQuietHours',
  summaryTime: 'syncSettingSummaryTime',
  notifications: 'syncSettingNotifications',
  storeMessageText: 'syncSettingStoreMessageText',
  sites: 'syncSettingSites',
  language: 'syncSettingLanguage',
};

export const problemText = (code: SyncProblem) => t(PROBLEM_KEYS[code]);

/** How often the section reads the state again while it is open. */
const REFRESH_MS = 2_000;

function SettingsChoice({ chosen, onChange, disabled }: { chosen: readonly SyncSettingKey[]; onChange: (next: SyncSettingKey[]) => void; disabled?: boolean }) {
  return (
    <fieldset class="sync-settings">
      <legend>{t('syncSettingsLegend')}</legend>
      {SYNC_SETTING_KEYS.map((k) => (
        <label key={k} class="inline">
          <input
            type="checkbox"
            checked={chosen.includes(k)}
            disabled={disabled}
            onChange={(e) => onChange(e.currentTarget.checked ? [...chosen, k] : chosen.filter((x) => x !== k))}
          />{' '}
          {t(SETTING_KEYS[k])}
        </label>
      ))}
    </fieldset>
  );
}

function SetUpForm({ notifier, onDone }: { notifier: Notifier; onDone: (status: SyncStatusView) => void }) {
  const { send, requestAccess } = useApi();
  const [server, setServer] = useState('');
  const [database, setDatabase] = useState('handraiser');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [settings, setSettings] = useState<SyncSettingKey[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    let origin: string;
    try {
      const url = new URL(server.trim());
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not a web address');
      origin = url.origin;
    } catch {
      setProblem(t('syncBadAddress'));
      return;
    }
    // First, while the click still counts as the user's: the browser asks them about this one server.
    const granted = requestAccess ? await requestAccess(origin) : false;
    if (!granted) {
      setProblem(problemText('no_permission'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const res = await send('syncSetup', { server: server.trim(), database: database.trim(), user: user.trim(), password, passphrase, settings });
      if (res.problem) setProblem(problemText(res.problem));
      else {
        setPassword('');
        setPassphrase('');
        notifier.notify(t('syncOnDone'));
        onDone(res.status);
      }
    } catch (err) {
      setProblem(errorText(err, problemText('failed')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="stack" onSubmit={(e) => void submit(e)}>
      <Field label={t('syncServer')}>
        <input type="url" required value={server} placeholder="https://couch.example.com" autoComplete="url" onInput={(e) => setServer(e.currentTarget.value)} />
      </Field>
      <p class="small muted">{t('syncServerHelp')}</p>
      <Field label={t('syncDatabase')}>
        <input type="text" required value={database} autoComplete="off" spellcheck={false} onInput={(e) => setDatabase(e.currentTarget.value)} />
      </Field>
      <Field label={t('syncUser')}>
        <input type="text" required value={user} autoComplete="username" spellcheck={false} onInput={(e) => setUser(e.currentTarget.value)} />
      </Field>
      <Field label={t('syncPassword')}>
        <input type="password" required value={password} autoComplete="current-password" onInput={(e) => setPassword(e.currentTarget.value)} />
      </Field>
      <Field label={t('syncPassphrase')}>
        <input type="password" required minLength={10} value={passphrase} autoComplete="new-password" onInput={(e) => setPassphrase(e.currentTarget.value)} />
      </Field>
      <p class="small muted">{t('syncPassphraseHelp')}</p>
      <SettingsChoice chosen={settings} onChange={setSettings} />
      {problem ? (
        <p class="error" role="alert">
          {problem}
        </p>
      ) : null}
      <div class="row">
        <button type="submit" class="btn primary" disabled={busy}>
          {busy ? t('syncChecking') : t('syncTurnOn')}
        </button>
      </div>
    </form>
  );
}

function SyncState({ status, notifier, onStatus }: { status: SyncStatusView; notifier: Notifier; onStatus: (s: SyncStatusView) => void }) {
  const { send } = useApi();
  const [busy, setBusy] = useState(false);
  const [confirmOff, setConfirmOff] = useState(false);
  const act = async (run: () => Promise<SyncStatusView>, done?: string) => {
    setBusy(true);
    try {
      const next = await run();
      onStatus(next);
      if (done && !next.problem) notifier.notify(done);
    } catch (e) {
      notifier.error(errorText(e, problemText('failed')));
    } finally {
      setBusy(false);
    }
  };
  const running = busy || status.running;
  return (
    <div class="stack">
      <p>{t('syncWith', status.server ?? '', status.database ?? '', status.user ?? '')}</p>
      <dl class="sync-state">
        <dt>{t('syncLast')}</dt>
        <dd data-testid="sync-last">{status.lastSyncAt !== undefined ? formatDateTime(status.lastSyncAt) : t('syncNever')}</dd>
        <dt>{t('syncWaiting')}</dt>
        <dd data-testid="sync-waiting">{formatNumber(status.waiting)}</dd>
      </dl>
      <p role="status" class="small muted">
        {running ? t('syncRunning') : ''}
      </p>
      {status.problem ? (
        <p class="error" role="alert" data-testid="sync-problem">
          {t('syncLastError', formatDateTime(status.problem.at), problemText(status.problem.code))}
        </p>
      ) : null}
      {status.notices.length ? (
        <ul class="sync-notices">
          {status.notices
            .slice()
            .reverse()
            .map((n, i) => (
              <li key={i}>
                {formatDateTime(n.at)}: {t(n.kind === 'kept' ? 'syncNoticeKept' : 'syncNoticeMerged', n.names.join(', '))}
              </li>
            ))}
        </ul>
      ) : null}
      <SettingsChoice chosen={status.settings} disabled={busy} onChange={(settings) => void act(async () => (await send('syncChoose', { settings })).status)} />
      <div class="row">
        <button type="button" class="btn primary" disabled={running} onClick={() => void act(async () => (await send('syncNow', {})).status, t('syncNowDone'))}>
          {running ? t('syncRunning') : t('syncNow')}
        </button>
        <button type="button" class="btn" disabled={busy} onClick={() => setConfirmOff(true)}>
          {t('syncOff')}
        </button>
      </div>
      {confirmOff ? (
        <ConfirmDialog
          title={t('syncOffTitle')}
          confirmLabel={t('syncOff')}
          onCancel={() => setConfirmOff(false)}
          onConfirm={() => {
            setConfirmOff(false);
            void act(async () => (await send('syncOff', {})).status, t('syncOffDone'));
          }}
        >
          <p>{t('syncOffBody')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

/** `onStatus` tells the page whether sync is set up (Delete all asks about the server's copy then). */
export function SyncSection({ notifier, version, onStatus }: { notifier: Notifier; version: number; onStatus?: (s: SyncStatusView) => void }) {
  const { send } = useApi();
  const [status, setStatus] = useState<SyncStatusView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const show = (s: SyncStatusView) => {
    setStatus(s);
    onStatus?.(s);
  };
  useEffect(() => {
    let live = true;
    const load = () =>
      send('syncStatus', {})
        .then((s) => {
          if (!live) return;
          setError(null);
          show(s);
        })
        .catch((e: unknown) => live && setError(errorText(e, t('loadFailed'))));
    void load();
    const id = setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(id);
    };
  }, [version]);
  return (
    <section id="sync" aria-labelledby="sync-title" class="card">
      <h2 id="sync-title">{t('syncTitle')}</h2>
      <p class="muted">{t('syncIntro')}</p>
      <p class="small muted">{t('syncServerSees')}</p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {status === null ? null : status.configured ? (
        <SyncState status={status} notifier={notifier} onStatus={show} />
      ) : (
        <SetUpForm notifier={notifier} onDone={show} />
      )}
    </section>
  );
}
