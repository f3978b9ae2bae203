import { useEffect, useState } from 'preact/hooks';
import { SITES, SOURCE_KINDS, STAGES } from '../domain/constants';
import { startOfLocalDay } from '../domain/time';
import type { Site, SourceKind, Stage } from '../domain/types';
import { ErrorMessage, Field, Loading } from '../ui/components';
import { formatNumber, percent, siteLabel, sourceLabel, stageLabel } from '../ui/format';
import { t, tp, type MessageKey } from '../ui/i18n';
import { errorText, useApi } from '../ui/api';
import { useNav } from './context';
import { estimateFromCounts, type Conversion, type InsightReply } from './insightView';

interface Shown {
  overall: Conversion;
  counts?: Record<Stage, number>;
  full?: InsightReply;
}

/** The date ranges Insight offers: people who came in during the last N days, or ever. */
export const RANGES: { days: number | null; key: MessageKey }[] = [
  { days: null, key: 'rangeAll' },
  { days: 7, key: 'range7' },
  { days: 30, key: 'range30' },
  { days: 90, key: 'range90' },
  { days: 365, key: 'range365' },
];

/** The `from` of a range: the start of the local day `days - 1` days before today (today counts as one). */
export function rangeFrom(days: number | null, now: number): number | undefined {
  if (days === null) return undefined;
  const d = new Date(startOfLocalDay(now));
  d.setDate(d.getDate() - (days - 1));
  return d.getTime();
}

/** Conversion rows of a table: one per source or site with someone in it. */
function ConversionRows<K extends string>({ keys, by, label }: { keys: readonly K[]; by: Partial<Record<K, Conversion>>; label: (k: K) => string }) {
  return (
    <tbody>
      {keys
        .filter((k) => (by[k]?.leads ?? 0) > 0)
        .map((k) => {
          const c = by[k]!;
          return (
            <tr key={k}>
              <th scope="row">{label(k)}</th>
              <td>{formatNumber(c.leads)}</td>
              <td>{percent(c.leadToProspect)}</td>
              <td>{c.prospects > 0 ? percent(c.prospectToClose) : '—'}</td>
            </tr>
          );
        })}
    </tbody>
  );
}

function ConversionTable<K extends string>({ id, title, keys, by, label }: { id: string; title: string; keys: readonly K[]; by: Partial<Record<K, Conversion>>; label: (k: K) => string }) {
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <table class="conversion">
        <thead>
          <tr>
            <th scope="col">{id === 'bysite' ? t('siteColumn') : t('sourceColumn')}</th>
            <th scope="col">{t('leadsColumn')}</th>
            <th scope="col">
              <abbr title={t('leadToProspect')}>{t('toProspectColumn')}</abbr>
            </th>
            <th scope="col">
              <abbr title={t('prospectToClose')}>{t('toCloseColumn')}</abbr>
            </th>
          </tr>
        </thead>
        <ConversionRows keys={keys} by={by} label={label} />
      </table>
    </section>
  );
}

export function Insight() {
  const { send, now, isDev } = useApi();
  const { version, live } = useNav();
  const [range, setRange] = useState<number | null>(null);
  const [data, setData] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    setData(null);
    (async (): Promise<Shown> => {
      const from = rangeFrom(range, now());
      // The full figures read everyone in the background; if that fails, estimate from one page.
      const full: InsightReply | undefined = await send('insight', from === undefined ? {} : { from }).catch(() => undefined);
      if (full) return { overall: full.overall, full };
      // One row is enough: the stage counts come with every page, nobody else is loaded.
      const { counts } = await send('pipeline', { limit: 1 });
      const est = estimateFromCounts(counts);
      return { overall: est.conversion, counts: est.counts };
    })()
      .then((d) => alive && setData(d))
      .catch((e: unknown) => alive && setError(errorText(e, t('loadFailed'))));
    return () => {
      alive = false;
    };
  }, [version, live, range]);

  const picker = (
    <Field label={t('insightRangeLabel')} class="range">
      <select value={range === null ? '' : String(range)} onChange={(e) => setRange(e.currentTarget.value ? Number(e.currentTarget.value) : null)}>
        {RANGES.map((r) => (
          <option key={r.key} value={r.days === null ? '' : String(r.days)}>
            {t(r.key)}
          </option>
        ))}
      </select>
    </Field>
  );

  if (error) return <ErrorMessage text={error} />;
  const head = (
    <>
      <h2>{t('insightTitle')}</h2>
      {picker}
    </>
  );
  if (!data) {
    return (
      <div class="stack">
        {head}
        <Loading />
      </div>
    );
  }
  const o = data.overall;
  const full = data.full;
  if (full && full.people === 0) {
    return (
      <div class="stack">
        {head}
        <p class="notice" role="status">
          {range === null ? t('insightEmpty') : t('insightEmptyRange')}
        </p>
      </div>
    );
  }
  const sites = SITES.filter((s) => s !== 'demo' || isDev || full?.bySite.demo);
  return (
    <div class="stack">
      {head}
      {full ? <p class="small muted">{tp('insightPeople', full.people)}</p> : null}
      <section class="card" aria-labelledby="conv-title">
        <h3 id="conv-title">{t('conversionTitle')}</h3>
        <table>
          <caption class="visually-hidden">{t('conversionOverall')}</caption>
          <tbody>
            <tr>
              <th scope="row">{t('leadToProspect')}</th>
              <td>{o.leads > 0 ? percent(o.leadToProspect) : '—'}</td>
            </tr>
            <tr>
              <th scope="row">{t('prospectToClose')}</th>
              <td>{o.prospects > 0 ? percent(o.prospectToClose) : t('insightNoProspects')}</td>
            </tr>
          </tbody>
        </table>
        {data.counts ? (
          <>
            <h4>{t('peopleByStage')}</h4>
            <ul class="plain stage-counts">
              {STAGES.map((s) => (
                <li key={s} class="row between">
                  <span>{stageLabel(s)}</span>
                  <span>{formatNumber(data.counts?.[s] ?? 0)}</span>
                </li>
              ))}
            </ul>
            <p class="small muted">{t('conversionEstimated')}</p>
          </>
        ) : null}
      </section>
      {full ? (
        <>
          <section class="card" aria-labelledby="median-title">
            <h3 id="median-title">{t('medianDaysTitle')}</h3>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('stageColumn')}</th>
                  <th scope="col">{t('medianDaysColumn')}</th>
                </tr>
              </thead>
              <tbody>
                {STAGES.filter((s) => s !== 'not_interested' && full.medianDaysInStage[s] !== undefined).map((s) => (
                  <tr key={s}>
                    <th scope="row">{stageLabel(s)}</th>
                    <td>{tp('days', Math.round(full.medianDaysInStage[s]!))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <ConversionTable<SourceKind> id="bysource" title={t('bySourceTitle')} keys={SOURCE_KINDS} by={full.bySource} label={sourceLabel} />
          {Object.keys(full.bySite).length > 0 ? (
            <ConversionTable<Site> id="bysite" title={t('bySiteTitle')} keys={sites} by={full.bySite} label={siteLabel} />
          ) : null}
          <p class="small muted">{t('insightLegend')}</p>
        </>
      ) : (
        <p class="small muted">{t('insightMoreLater')}</p>
      )}
    </div>
  );
}
