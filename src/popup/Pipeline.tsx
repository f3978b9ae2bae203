import { useEffect, useRef, useState } from 'preact/hooks';
import { SITES, SOURCE_KINDS } from '../domain/constants';
import type { Site, SourceKind } from '../domain/types';
import type { PersonRow, SignalName } from '../messages/contract';
import { ErrorMessage, Loading, useDebounced, Field } from '../ui/components';
import { formatNumber, signalLabel, siteLabel, sourceLabel, stageLabel } from '../ui/format';
import { t, tp } from '../ui/i18n';
import { errorText, useApi } from '../ui/api';
import { useNav } from './context';
import { PersonList } from './PersonList';
import { ScreenHead } from './Today';
import { FILTER_SIGNALS, GROUPS, PAGE_SIZE, groupTotalsOf, pipelineRequest, type Group, type PipelineChoice } from './pipelineQuery';

function groupLabel(g: Group): string {
  if (g === 'all') return t('groupAll');
  if (g === 'drip') return t('signalOnDrip');
  if (g === 'reach_out') return t('groupReachOut');
  return stageLabel(g);
}

/** The last choice survives switching tabs within one popup session. */
let remembered: PipelineChoice = { group: 'all', query: '' };

/** `signal`: opened on one signal (Today's "everyone due" link): the other filters are cleared. */
export function Pipeline({ signal }: { signal?: SignalName }) {
  const { send, isDev } = useApi();
  const { version } = useNav();
  const [choice, setChoice] = useState<PipelineChoice>(() => (signal ? { group: 'all', query: '', signal } : remembered));
  const [text, setText] = useState(choice.query);
  const query = useDebounced(text, 250);
  const [rows, setRows] = useState<PersonRow[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  /** Everyone and each group's total, as the background counted them with one index count each. */
  const [totals, setTotals] = useState<Partial<Record<Group, number>>>({});
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const serial = useRef(0);

  const current: PipelineChoice = { ...choice, query };
  remembered = current;

  // First page: whenever the choice changes. Older answers arriving late are dropped.
  const filteredNow = !!(query || choice.site || choice.sourceKind || choice.signal);
  useEffect(() => {
    const mine = ++serial.current;
    setError(null);
    setTotal(null);
    send('pipeline', pipelineRequest(current))
      .then((res) => {
        if (mine !== serial.current) return;
        setRows(res.rows);
        setTotal(res.total);
        // With a search or a filter, each chip says how many of that group match it.
        setTotals(groupTotalsOf(res.counts, res.groups, res.filteredGroups));
      })
      .catch((e: unknown) => mine === serial.current && setError(errorText(e, t('loadFailed'))));
  }, [choice.group, choice.site, choice.sourceKind, choice.signal, query, version]);

  const loadMore = async () => {
    const mine = serial.current;
    setLoadingMore(true);
    try {
      const res = await send('pipeline', pipelineRequest(current, rows.length, PAGE_SIZE));
      if (mine === serial.current) setRows((r) => [...r, ...res.rows]);
    } catch (e) {
      setError(errorText(e, t('loadFailed')));
    } finally {
      setLoadingMore(false);
    }
  };

  const set = (patch: Partial<PipelineChoice>) => setChoice((c) => ({ ...c, ...patch }));
  const sites = SITES.filter((s) => s !== 'demo' || isDev);
  const filtered = filteredNow;
  const shown = (g: Group): number | undefined => totals[g];

  return (
    <div class="stack">
      <ScreenHead title={t('pipelineTitle')} />
      <nav aria-label={t('stagesLabel')}>
        <ul class="plain group-list">
          {GROUPS.map((g) => (
            <li key={g}>
              <button
                type="button"
                class="group"
                aria-pressed={choice.group === g}
                onClick={() => set({ group: g })}
              >
                <span>{groupLabel(g)}</span>{' '}
                <span class="count">{shown(g) === undefined ? '' : formatNumber(shown(g) ?? 0)}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>

      <div role="search" class="filters">
        <Field label={t('searchLabel')} class="search">
          <input
            type="search"
            value={text}
            placeholder={t('searchPlaceholder')}
            onInput={(e) => setText(e.currentTarget.value)}
            maxLength={200}
          />
        </Field>
        <div class="filter-rows">
          <Field label={t('filterSite')}>
            <select
              value={choice.site ?? ''}
              onChange={(e) => set({ site: (e.currentTarget.value || undefined) as Site | undefined })}
            >
              <option value="">{t('anySite')}</option>
              {sites.map((s) => (
                <option key={s} value={s}>
                  {siteLabel(s)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('filterSource')}>
            <select
              value={choice.sourceKind ?? ''}
              onChange={(e) => set({ sourceKind: (e.currentTarget.value || undefined) as SourceKind | undefined })}
            >
              <option value="">{t('anySource')}</option>
              {SOURCE_KINDS.map((s) => (
                <option key={s} value={s}>
                  {sourceLabel(s)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('filterSignal')}>
            <select
              value={choice.signal ?? ''}
              onChange={(e) => set({ signal: (e.currentTarget.value || undefined) as SignalName | undefined })}
            >
              <option value="">{t('anySignal')}</option>
              {FILTER_SIGNALS.map((s) => (
                <option key={s} value={s}>
                  {signalLabel(s)}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </div>

      {error ? <ErrorMessage text={error} /> : null}
      <p class="small muted" role="status" aria-live="polite">
        {total === null ? t('loading') : t('showingOf', formatNumber(rows.length), formatNumber(total))}
        {total !== null && filtered ? ` ${t('countsFiltered')}` : ''}
      </p>
      {total === null && rows.length === 0 ? <Loading /> : null}
      {total === 0 ? (
        <p class="notice">{filtered ? t('pipelineNoMatch') : t('pipelineEmptyGroup', groupLabel(choice.group))}</p>
      ) : null}
      {rows.length > 0 ? <PersonList rows={rows} label={groupLabel(choice.group)} /> : null}
      {total !== null && rows.length < total ? (
        <button type="button" class="btn wide" onClick={() => void loadMore()} disabled={loadingMore}>
          {loadingMore ? t('loading') : tp('loadMore', Math.min(PAGE_SIZE, total - rows.length))}
        </button>
      ) : null}
    </div>
  );
}

