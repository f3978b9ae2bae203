import { t, tp, type MessageKey } from '../../ui/i18n';
import { TARGETS, type ParsedCsv, type Target } from '../csv';
import { ImportChoice } from './ImportReport';

const TARGET_KEYS: Record<Target, MessageKey> = {
  ignore: 'mapIgnore',
  name: 'mapName',
  firstName: 'mapFirstName',
  lastName: 'mapLastName',
  profileUrl: 'mapProfileUrl',
  facebookUrl: 'mapFacebookUrl',
  instagramUrl: 'mapInstagramUrl',
  linkedinUrl: 'mapLinkedinUrl',
  xUrl: 'mapXUrl',
  youtubeUrl: 'mapYoutubeUrl',
  tiktokUrl: 'mapTiktokUrl',
  phone: 'mapPhone',
  email: 'mapEmail',
  stage: 'mapStage',
  notes: 'mapNotes',
};

const PREVIEW_ROWS = 5;

export interface CsvFile {
  fileName: string;
  parsed: ParsedCsv;
  mapping: Record<string, Target>;
}

/** The CSV's columns, a few rows of each, and what each column is used as. */
export function CsvMapping({ file, busy, onMap, onImport, onCancel }: {
  file: CsvFile;
  busy: boolean;
  onMap: (mapping: Record<string, Target>) => void;
  onImport: () => void;
  onCancel: () => void;
}) {
  const mapped = Object.values(file.mapping);
  const ready = mapped.some((m) => m === 'name' || m === 'firstName' || m === 'profileUrl' || m.endsWith('Url'));
  const { parsed } = file;
  return (
    <div class="stack import-preview">
      <p>{tp('csvPreviewIntro', parsed.rows.length, file.fileName)}</p>
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">{t('csvPreviewCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('csvColumn')}</th>
              <th scope="col">{t('csvUseAs')}</th>
              {parsed.rowNumbers.slice(0, PREVIEW_ROWS).map((n) => (
                <th scope="col" key={n}>
                  {t('rowN', n)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {parsed.headers.map((h) => (
              <tr key={h}>
                <th scope="row">{h}</th>
                <td>
                  <select
                    aria-label={t('csvUseAsNamed', h)}
                    value={file.mapping[h] ?? 'ignore'}
                    onChange={(e) => onMap({ ...file.mapping, [h]: e.currentTarget.value as Target })}
                  >
                    {TARGETS.map((tg) => (
                      <option key={tg} value={tg}>
                        {t(TARGET_KEYS[tg])}
                      </option>
                    ))}
                  </select>
                </td>
                {parsed.rows.slice(0, PREVIEW_ROWS).map((r, i) => (
                  <td key={i} class="cell">
                    {(r[h] ?? '').slice(0, 80)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!ready ? <p class="notice">{t('csvNeedName')}</p> : null}
      <ImportChoice label={tp('csvImportRun', parsed.rows.length)} disabled={busy || !ready} onImport={onImport} onCancel={onCancel} />
    </div>
  );
}
