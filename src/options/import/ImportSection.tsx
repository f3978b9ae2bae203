import { useState } from 'preact/hooks';
import { STAGES, type Settings, type Stage } from '../../domain/types';
import type { ImportSummary } from '../../messages/contract';
import { HandraiserError } from '../../messages/handraiser-error';
import { errorText, useApi } from '../../ui/api';
import { Field, type Notifier } from '../../ui/components';
import { readFileText } from '../../ui/download';
import { formatDate, formatNumber, siteLabel, stageLabel } from '../../ui/format';
import { t, tp } from '../../ui/i18n';
import { csvToBackup, guessMapping, parseCsv } from '../csv';
import { importBackup } from '../transfer';
import { CsvMapping, type CsvFile } from './CsvMapping';
import { FileSettings } from './FileSettings';
import { ImportChoice, ImportDone, ImportProblems, type Problems } from './ImportReport';
import { settingsChanges, type FileSettings as Changes } from './settingsChanges';

interface JsonFile {
  fileName: string;
  data: unknown;
  text: string;
  people: number | null;
  exportedAt: number | null;
}

type Pending = ({ kind: 'csv' } & CsvFile) | ({ kind: 'json' } & JsonFile);

/** What a chosen file is, before anything is imported: a backup to confirm, a CSV to map, or why neither. */
function readChosen(fileName: string, text: string): Pending | Problems {
  const looksJson = /\.json$/i.test(fileName) || /^\s*[[{]/.test(text);
  if (looksJson) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return { message: t('importNotJson', fileName), details: [] };
    }
    const b = data as { people?: unknown; exportedAt?: unknown } | null;
    return {
      kind: 'json',
      fileName,
      data,
      text,
      people: Array.isArray(b?.people) ? b.people.length : null,
      exportedAt: typeof b?.exportedAt === 'number' ? b.exportedAt : null,
    };
  }
  const parsed = parseCsv(text);
  if (parsed.headers.length === 0 || parsed.rows.length === 0) return { message: t('importCsvEmpty', fileName), details: [] };
  return { kind: 'csv', fileName, parsed, mapping: guessMapping(parsed.headers) };
}

/** The import's refusal, row by row, from the error the background sent (HandraiserError carries the rows). */
function problemsOf(e: unknown): Problems {
  const details = e instanceof HandraiserError ? e.details : [];
  return {
    message: errorText(e, t('importFailed')),
    details: details.map((d) => ({ where: d.path ? `${d.row}, ${d.path}` : d.row, message: d.message })),
  };
}

function JsonPreview({ file, busy, onImport, onCancel }: { file: JsonFile; busy: boolean; onImport: () => void; onCancel: () => void }) {
  return (
    <div class="stack import-preview">
      <p>
        {file.people === null
          ? t('importJsonUnknown', file.fileName)
          : tp('importJsonPreview', file.people, file.fileName, file.exportedAt ? formatDate(file.exportedAt) : '—')}
      </p>
      <ImportChoice label={t('importRun')} disabled={busy} onImport={onImport} onCancel={onCancel} />
    </div>
  );
}

/**
 * Import a JSON backup or a CSV: choose, preview (map a CSV's columns), import; then, for a
 * backup whose settings differ, offer them (never applied without the user's choice).
 */
export function ImportSection({ settings, notifier, onImported }: { settings: Settings; notifier: Notifier; onImported: () => void }) {
  const { send, now } = useApi();
  const [pending, setPending] = useState<Pending | null>(null);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [fileSettings, setFileSettings] = useState<Changes | null>(null);
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
    setFileSettings(null);
    notifier.clear();
    if (!file) return;
    const chosen = readChosen(file.name, await readFileText(file));
    if ('kind' in chosen) setPending(chosen);
    else setProblems(chosen);
  };

  /** `text`: the file's own text when there is one (a JSON backup), so it is not written out again. */
  const sendImport = async (data: unknown, text?: string, filed?: unknown) => {
    setBusy(true);
    try {
      const res = await importBackup(send, data, text);
      setSummary(res.summary);
      setProblems(null);
      setFileSettings(filed === undefined ? null : settingsChanges(settings, filed));
      reset();
      notifier.notify(t('importDone', tp('peopleNew', res.summary.people), tp('peopleMerged', res.summary.merged)));
      onImported();
    } catch (e) {
      setProblems(problemsOf(e));
    } finally {
      setBusy(false);
    }
  };

  const importCsv = (p: CsvFile) => {
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
        notSiteProfile: (_line, value, site) => t('csvNotSiteProfile', value, siteLabel(site)),
        badStage: (_line, value) => t('csvBadStage', value, STAGES.map(stageLabel).join(', ')),
        badPhone: (_line, value) => t('csvBadPhone', value),
        badEmail: (_line, value) => t('csvBadEmail', value),
        tooMany: (max) => t('csvTooMany', formatNumber(max)),
      },
    });
    if (!out.backup) {
      setProblems({ message: tp('csvProblems', out.problems.length), details: out.problems.map((pr) => ({ where: t('rowN', pr.line), message: pr.message })) });
      return;
    }
    void sendImport(out.backup);
  };

  return (
    <section id="import" aria-labelledby="import-title" class="card">
      <h2 id="import-title">{t('importTitle')}</h2>
      <p class="muted">{t('importIntro')}</p>
      <Field label={t('importChoose')}>
        <input key={inputKey} type="file" accept=".csv,.json,text/csv,application/json" onChange={(e) => void choose(e.currentTarget.files?.[0])} />
      </Field>
      {pending?.kind === 'json' ? (
        <JsonPreview
          file={pending}
          busy={busy}
          onImport={() => void sendImport(pending.data, pending.text, (pending.data as { settings?: unknown } | null)?.settings)}
          onCancel={reset}
        />
      ) : null}
      {pending?.kind === 'csv' ? (
        <CsvMapping file={pending} busy={busy} onMap={(mapping) => setPending({ ...pending, mapping })} onImport={() => importCsv(pending)} onCancel={reset} />
      ) : null}
      {problems ? <ImportProblems problems={problems} /> : null}
      {summary ? <ImportDone summary={summary} /> : null}
      {fileSettings ? (
        <FileSettings
          changes={fileSettings}
          notifier={notifier}
          onDone={(applied) => {
            setFileSettings(null);
            if (applied) onImported();
          }}
        />
      ) : null}
    </section>
  );
}
