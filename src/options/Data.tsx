import { useState } from 'preact/hooks';
import type { Person } from '../domain/types';
import { ConfirmDialog, type Notifier, Field } from '../ui/components';
import { downloadText } from '../ui/download';
import { fetchBackupFile } from './transfer';
import { errorText, useApi } from '../ui/api';
import { t, tp } from '../ui/i18n';
import { backupFileName, csvFileName, peopleToCsv } from './csv';

export function ExportSection({ notifier }: { notifier: Notifier }) {
  const { send, now } = useApi();
  const [busy, setBusy] = useState(false);
  const run = async (kind: 'csv' | 'json') => {
    setBusy(true);
    try {
      const file = await fetchBackupFile(send);
      if (kind === 'json') {
        downloadText(backupFileName(now()), file.text, 'application/json');
      } else {
        const backup = JSON.parse(file.text) as { people: Person[] };
        downloadText(csvFileName(now()), peopleToCsv(backup.people), 'text/csv;charset=utf-8');
      }
      notifier.notify(tp('exportDone', file.people));
    } catch (e) {
      notifier.error(errorText(e, t('exportFailed')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section id="export" aria-labelledby="export-title" class="card">
      <h2 id="export-title">{t('exportTitle')}</h2>
      <p class="muted">{t('exportIntro')}</p>
      <div class="row">
        <button type="button" class="btn primary" disabled={busy} onClick={() => void run('json')}>
          {t('exportJson')}
        </button>
        <button type="button" class="btn" disabled={busy} onClick={() => void run('csv')}>
          {t('exportCsv')}
        </button>
      </div>
      <p class="small muted">{t('exportCsvHelp')}</p>
    </section>
  );
}

/** `syncOn`: sync is set up, so the dialog also asks whether to delete the server's copy (Sync.tsx). */
export function DeleteSection({ notifier, onDeleted, syncOn = false }: { notifier: Notifier; onDeleted: () => void; syncOn?: boolean }) {
  const { send } = useApi();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [alsoServer, setAlsoServer] = useState(false);
  const word = t('deleteWord');
  const ok = typed.trim() === word;
  const run = async () => {
    if (!ok) return;
    setOpen(false);
    setTyped('');
    try {
      await send('deleteAll', syncOn ? { confirm: true, server: alsoServer } : { confirm: true });
      notifier.notify(t('deleteDone'));
      onDeleted();
    } catch (e) {
      notifier.error(errorText(e, t('actionFailed')));
    }
  };
  return (
    <section id="delete" aria-labelledby="delete-title" class="card danger-zone">
      <h2 id="delete-title">{t('deleteTitle')}</h2>
      <p class="muted">{t('deleteIntro')}</p>
      <button type="button" class="btn danger" onClick={() => setOpen(true)}>
        {t('deleteOpen')}
      </button>
      {open ? (
        <ConfirmDialog
          title={t('deleteConfirmTitle')}
          confirmLabel={t('deleteConfirm')}
          danger
          canConfirm={ok}
          onCancel={() => {
            setOpen(false);
            setTyped('');
          }}
          onConfirm={() => void run()}
        >
          <p>{t('deleteConfirmBody')}</p>
          {syncOn ? (
            <>
              <label class="inline">
                <input type="checkbox" checked={alsoServer} onChange={(e) => setAlsoServer(e.currentTarget.checked)} /> {t('deleteAlsoServer')}
              </label>
              <p class="small muted">{t('deleteSyncNote')}</p>
            </>
          ) : null}
          <Field label={t('deleteTypeWord', word)}>
            <input
              type="text"
              value={typed}
              autoComplete="off"
              onInput={(e) => setTyped(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') void run();
              }}
            />
          </Field>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
