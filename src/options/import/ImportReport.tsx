import type { ImportSummary } from '../../messages/contract';
import { t, tp } from '../../ui/i18n';

const MAX_SHOWN_PROBLEMS = 50;

export interface Problems {
  message: string;
  details: { where: string; message: string }[];
}

/** Why nothing was imported, row by row; the file changed nothing. */
export function ImportProblems({ problems }: { problems: Problems }) {
  return (
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
          {problems.details.length > MAX_SHOWN_PROBLEMS ? <li>{tp('moreProblems', problems.details.length - MAX_SHOWN_PROBLEMS)}</li> : null}
        </ul>
      ) : null}
    </div>
  );
}

export function ImportDone({ summary }: { summary: ImportSummary }) {
  return (
    <p class="success" role="status">
      {t(
        'importSummary',
        tp('countNewPeople', summary.people),
        tp('countPeople', summary.merged),
        tp('countTouches', summary.touches),
        tp('countAppointments', summary.appointments),
        tp('countPosts', summary.handRaisePosts),
      )}
    </p>
  );
}

/** The preview's two choices: import the file, or put it away. */
export function ImportChoice({ label, disabled, onImport, onCancel }: { label: string; disabled: boolean; onImport: () => void; onCancel: () => void }) {
  return (
    <div class="row">
      <button type="button" class="btn primary" disabled={disabled} onClick={onImport}>
        {label}
      </button>
      <button type="button" class="btn" onClick={onCancel}>
        {t('cancel')}
      </button>
    </div>
  );
}
