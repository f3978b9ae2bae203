import { useState } from 'preact/hooks';
import { STAGES, type Person, type Settings, type Stage } from '../domain/types';
import type { ErrorDetail, ImportSummary } from '../messages/contract';
import { ConfirmDialog, type Notifier, Field } from '../ui/components';
import { downloadText, readFileText } from '../ui/download';
import { fetchBackupFile, importBackup } from './transfer';
import { errorText, useApi } from '../ui/api';
import { formatDate, formatNumber, stageLabel } from '../ui/format';
import { t, type MessageKey } from '../ui/i18n';
import {
  backupFileName,
  csvFileName,
  csvToBackup,
  guessMapping,
  parseCsv,
  peopleToCsv,
  TARGETS,
  type ParsedCsv,
  type Target,
} from './csv';

const TARGET_KEYS: Record<Target, MessageKey> = {
  ignore: 'mapIgnore',
  name: 'mapName',
  firstName: 'mapFirstName',
  lastName: 'mapLastName',
  profileUrl: 'mapProfileUrl',
  stage: 'mapStage',
  notes: 'mapNotes',
};

const PREVIEW_ROWS = 5;
const MAX_SHOWN_PROBLEMS = 50;

type Pending =
  | { kind: 'csv'; fileName: string; parsed: ParsedCsv; mapping: Record<string, Target> }
  | { kind: 'json'; fileName: string; data: unknown; text: string; people: number | null; exportedAt: number | null };

interface Problems {
  message: string;
  details: { where: string; message: string }[];
}

function detailsOf(e: unknown): ErrorDetail[] {
  if (e && typeof e === 'object' && 'details' in e && Array.isArray((e).details)) {
    return (e as { details: ErrorDetail[] }).details;
  }
  return [];
}

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
      notifier.notify(t('exportDone', formatNumber(file.people)));
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

export function ImportSection({
  settings,
  notifier,
  onImported,
}: {
  settings: Settings;
  notifier: Notifier;
  onImported: () => void;
}) {
  const { send, now } = useApi();
  const [pending, setPending] = useState<Pending | null>(null);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [inputKey, setInputKey] = useState(0);

  const reset = () => {
    setPending(null);
    setInputKey((k) => k + 1);
  };

  const choose = async (file: File | undefined) => {
    setProblems(null);
    setSummary(null);
    setPending(null);
    notifier.clear();
    if (!file) return;
    const text = await readFileText(file);
    const looksJson = /\.json$/i.test(file.name) || /^\s*[[{]/.test(text);
    if (looksJson) {
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        setProblems({ message: t('importNotJson', file.name), details: [] });
        return;
      }
      const b = data as { people?: unknown; exportedAt?: unknown };
      setPending({
        kind: 'json',
        fileName: file.name,
        data,
        text,
        people: Array.isArray(b?.people) ? b.people.length : null,
        exportedAt: typeof b?.exportedAt === 'number' ? b.exportedAt : null,
      });
      return;
    }
    const parsed = parseCsv(text);
    if (parsed.headers.length === 0 || parsed.rows.length === 0) {
      setProblems({ message: t('importCsvEmpty', file.name), details: [] });
      return;
    }
    setPending({ kind: 'csv', fileName: file.name, parsed, mapping: guessMapping(parsed.headers) });
  };

  /** `text`: the file's own text when there is one (a JSON backup), so it is not written out again. */
  const sendImport = async (data: unknown, text?: string) => {
    setBusy(true);
    try {
      const res = await importBackup(send, data, text);
      setSummary(res.summary);
      setProblems(null);
      reset();
      notifier.notify(t('importDone', formatNumber(res.summary.people), formatNumber(res.summary.merged)));
      onImported();
    } catch (e) {
      setProblems({
        message: errorText(e, t('importFailed')),
        details: detailsOf(e).map((d) => ({ where: d.path ? `${d.row}, ${d.path}` : d.row, message: d.message })),
      });
    } finally {
      setBusy(false);
    }
  };

  const importCsv = (p: Extract<Pending, { kind: 'csv' }>) => {
    const stageWords: Record<string, Stage> = {};
    for (const s of STAGES) stageWords[stageLabel(s).toLowerCase()] = s;
    const out = csvToBackup(p.parsed.rows, p.mapping, {
      settings,
      now: now(),
      newId: () => crypto.randomUUID(),
      stageWords,
      rowNumbers: p.parsed.rowNumbers,
      words: {
        noName: () => t('csvNoName'),
        notProfile: (_line, url) => t('csvNotProfile', url),
        badStage: (_line, value) => t('csvBadStage', value, STAGES.map(stageLabel).join(', ')),
        tooMany: (max) => t('csvTooMany', formatNumber(max)),
      },
    });
    if (!out.backup) {
      setProblems({
        message: t('csvProblems', out.problems.length),
        details: out.problems.map((pr) => ({ where: t('rowN', pr.line), message: pr.message })),
      });
      return;
    }
    void sendImport(out.backup);
  };

  const mapped = pending?.kind === 'csv' ? Object.values(pending.mapping) : [];
  const csvReady = mapped.includes('name') || mapped.includes('firstName') || mapped.includes('profileUrl');

  return (
    <section id="import" aria-labelledby="import-title" class="card">
      <h2 id="import-title">{t('importTitle')}</h2>
      <p class="muted">{t('importIntro')}</p>
      <Field label={t('importChoose')}>
        <input
          key={inputKey}
          type="file"
          accept=".csv,.json,text/csv,application/json"
          onChange={(e) => void choose(e.currentTarget.files?.[0])}
        />
      </Field>

      {pending?.kind === 'json' ? (
        <div class="stack import-preview">
          <p>
            {pending.people === null
              ? t('importJsonUnknown', pending.fileName)
              : t('importJsonPreview', pending.fileName, formatNumber(pending.people), pending.exportedAt ? formatDate(pending.exportedAt) : '—')}
          </p>
          <div class="row">
            <button type="button" class="btn primary" disabled={busy} onClick={() => void sendImport(pending.data, pending.text)}>
              {t('importRun')}
            </button>
            <button type="button" class="btn" onClick={reset}>
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : null}

      {pending?.kind === 'csv' ? (
        <div class="stack import-preview">
          <p>{t('csvPreviewIntro', pending.fileName, formatNumber(pending.parsed.rows.length))}</p>
          <div class="table-scroll">
            <table>
              <caption class="visually-hidden">{t('csvPreviewCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('csvColumn')}</th>
                  <th scope="col">{t('csvUseAs')}</th>
                  {pending.parsed.rowNumbers.slice(0, PREVIEW_ROWS).map((n) => (
                    <th scope="col" key={n}>
                      {t('rowN', n)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {pending.parsed.headers.map((h) => (
                  <tr key={h}>
                    <th scope="row">{h}</th>
                    <td>
                      <select
                        aria-label={t('csvUseAsNamed', h)}
                        value={pending.mapping[h] ?? 'ignore'}
                        onChange={(e) =>
                          setPending({ ...pending, mapping: { ...pending.mapping, [h]: e.currentTarget.value as Target } })
                        }
                      >
                        {TARGETS.map((tg) => (
                          <option key={tg} value={tg}>
                            {t(TARGET_KEYS[tg])}
                          </option>
                        ))}
                      </select>
                    </td>
                    {pending.parsed.rows.slice(0, PREVIEW_ROWS).map((r, i) => (
                      <td key={i} class="cell">
                        {(r[h] ?? '').slice(0, 80)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {!csvReady ? <p class="notice">{t('csvNeedName')}</p> : null}
          <div class="row">
            <button type="button" class="btn primary" disabled={busy || !csvReady} onClick={() => importCsv(pending)}>
              {t('csvImportRun', formatNumber(pending.parsed.rows.length))}
            </button>
            <button type="button" class="btn" onClick={reset}>
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : null}

      {problems ? (
        <div class="error import-problems" role="alert">
          <p>{problems.message}</p>
          <p class="small">{t('nothingChanged')}</p>
          {problems.details.length > 0 ? (
            <ul>
              {problems.details.slice(0, MAX_SHOWN_PROBLEMS).map((d, i) => (
                <li key={i}>
                  <strong>{d.where}</strong>: {d.message}
                </li>
              ))}
              {problems.details.length > MAX_SHOWN_PROBLEMS ? (
                <li>{t('moreProblems', problems.details.length - MAX_SHOWN_PROBLEMS)}</li>
              ) : null}
            </ul>
          ) : null}
        </div>
      ) : null}

      {summary ? (
        <p class="success" role="status">
          {t(
            'importSummary',
            formatNumber(summary.people),
            formatNumber(summary.merged),
            formatNumber(summary.touches),
            formatNumber(summary.appointments),
            formatNumber(summary.handRaisePosts),
          )}
        </p>
      ) : null}
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
