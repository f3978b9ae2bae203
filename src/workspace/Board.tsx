import { useEffect, useRef, useState } from 'preact/hooks';
import type { PromotionReason } from '../domain/promotion';
import type { PersonRow } from '../messages/contract';
import { PROMOTION_REASONS } from '../messages/wire-names';
import { PROMOTION_REASON_KEYS } from '../popup/person/PersonView';
import { pipelineRequest } from '../popup/pipelineQuery';
import { restorePerson } from '../popup/restore';
import { ConfirmDialog, ErrorMessage, SignalChips, SiteIcon, type Notifier } from '../ui/components';
import { errorText, useApi } from '../ui/api';
import { displayName, formatNumber, relativeDay, relativeMoment, stageLabel } from '../ui/format';
import { t, tp } from '../ui/i18n';
import { BOARD_PAGE, COLUMNS, FOLDED_COLUMNS, OPEN_COLUMNS, columnOf, planMove, type Column } from './board';

interface ColumnState {
  rows: PersonRow[];
  /** null while the first page loads. */
  total: number | null;
  error?: string;
}

export function columnLabel(c: Column): string {
  if (c === 'drip') return t('signalOnDrip');
  if (c === 'reach_out') return t('groupReachOut');
  return stageLabel(c);
}

const EMPTY = Object.fromEntries(COLUMNS.map((c): [Column, ColumnState] => [c, { rows: [], total: null }])) as Record<Column, ColumnState>;

/** The popup's person screen, in a tab of its own. */
const personHref = (id: string) => `../popup/index.html?view=person&id=${encodeURIComponent(id)}`;

/**
 * The pipeline as a board: a column per stage, each read a page at a time through the same
 * `pipeline` message as the popup's list, so the first paint costs one page per column at any
 * size. A card moves by drag and drop, or from the keyboard with its Move button; every move
 * goes through setStage / updatePerson, is announced in the snackbar's live region and can be
 * undone.
 */
export function Board({ notifier, version }: { notifier: Notifier; version: number }) {
  const { send, now } = useApi();
  const [cols, setCols] = useState<Record<Column, ColumnState>>(EMPTY);
  const shown = useRef<Record<Column, number>>(Object.fromEntries(COLUMNS.map((c) => [c, BOARD_PAGE])) as Record<Column, number>);
  const [over, setOver] = useState<Column | null>(null);
  const [moving, setMoving] = useState<PersonRow | null>(null);
  const [asking, setAsking] = useState<{ row: PersonRow; resolve: (why: PromotionReason | null) => void } | null>(null);
  const [focusOn, setFocusOn] = useState<{ id: string; column: Column } | null>(null);
  const serial = useRef(0);
  const today = now();

  const loadColumn = async (c: Column, mine: number) => {
    try {
      const res = await send('pipeline', pipelineRequest({ group: c, query: '' }, 0, Math.min(200, shown.current[c])));
      if (mine === serial.current) setCols((s) => ({ ...s, [c]: { rows: res.rows, total: res.total } }));
    } catch (e) {
      if (mine === serial.current) setCols((s) => ({ ...s, [c]: { rows: s[c].rows, total: s[c].total ?? 0, error: errorText(e, t('loadFailed')) } }));
    }
  };
  const reload = () => {
    const mine = ++serial.current;
    return Promise.all(COLUMNS.map((c) => loadColumn(c, mine)));
  };
  useEffect(() => void reload(), [version]);

  // After a move, the keyboard stays on the moved card, now in its new column.
  useEffect(() => {
    if (!focusOn) return;
    const el = document.querySelector<HTMLElement>(`[data-column="${focusOn.column}"] [data-person-id="${CSS.escape(focusOn.id)}"] .card-move`);
    if (el) {
      el.closest('details')?.setAttribute('open', '');
      el.focus();
      setFocusOn(null);
    }
  }, [cols, focusOn]);

  const more = async (c: Column) => {
    const state = cols[c];
    const mine = serial.current;
    try {
      const res = await send('pipeline', pipelineRequest({ group: c, query: '' }, state.rows.length, BOARD_PAGE));
      if (mine !== serial.current) return;
      shown.current[c] = state.rows.length + res.rows.length;
      setCols((s) => ({ ...s, [c]: { rows: [...s[c].rows, ...res.rows], total: res.total } }));
    } catch (e) {
      notifier.error(errorText(e, t('loadFailed')));
    }
  };

  const askWhy = (row: PersonRow) => new Promise<PromotionReason | null>((resolve) => setAsking({ row, resolve }));

  const move = async (row: PersonRow, to: Column) => {
    const p = row.person;
    const name = displayName(p);
    const plan = planMove(p, to);
    if (plan.kind === 'none') return;
    if (plan.kind === 'refuse') {
      notifier.error(t(plan.why, name));
      return;
    }
    try {
      let why: PromotionReason | null = null;
      if (plan.kind === 'stage' && plan.asksWhy) {
        // A rule may already say they are a prospect (domain/promotion): then no question.
        const detail = await send('person', { personId: p.id });
        why = detail.promotion?.reason ?? (await askWhy(row));
        if (!why) return;
      }
      if (plan.kind === 'drip') await send('updatePerson', { personId: p.id, onDrip: true });
      else await send('setStage', { personId: p.id, stage: plan.stage });
      const label =
        plan.kind === 'drip'
          ? t('dripOn', name)
          : why
            ? t('movedBecause', name, stageLabel(plan.stage), t(PROMOTION_REASON_KEYS[why]).replace(/\.$/, ''))
            : t('movedTo', name, stageLabel(plan.stage));
      notifier.notify(label, async () => {
        const { person: current } = await send('person', { personId: p.id });
        await restorePerson(send, p, current);
      });
      setFocusOn({ id: p.id, column: to });
      await reload();
    } catch (e) {
      notifier.error(errorText(e, t('actionFailed')));
    }
  };

  const columnProps = (c: Column) => ({
    'data-column': c,
    class: `column${over === c ? ' drop-over' : ''}`,
    onDragOver: (e: DragEvent) => {
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
      if (over !== c) setOver(c);
    },
    onDragLeave: (e: DragEvent) => {
      if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null)) setOver(null);
    },
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      setOver(null);
      const id = e.dataTransfer?.getData('text/plain');
      const row = COLUMNS.flatMap((k) => cols[k].rows).find((r) => r.person.id === id);
      if (row) void move(row, c);
    },
  });

  const cards = (c: Column) => {
    const state = cols[c];
    return (
      <>
        {state.error ? <ErrorMessage text={state.error} onRetry={() => void reload()} /> : null}
        {state.total === 0 ? <p class="small muted column-empty">{t('columnEmpty')}</p> : null}
        <ul class="plain cards" aria-label={columnLabel(c)}>
          {state.rows.map((r) => (
            <Card key={r.person.id} row={r} today={today} onMove={() => setMoving(r)} />
          ))}
        </ul>
        {state.total !== null && state.rows.length < state.total ? (
          <button type="button" class="btn wide" onClick={() => void more(c)}>
            {tp('loadMore', Math.min(BOARD_PAGE, state.total - state.rows.length))}
          </button>
        ) : null}
      </>
    );
  };
  const count = (c: Column) => (cols[c].total === null ? '…' : formatNumber(cols[c].total ?? 0));

  return (
    <div class="board-wrap">
      <p class="small muted">{t('boardHint')}</p>
      <div class="board" role="group" aria-label={t('boardLabel')}>
        {OPEN_COLUMNS.map((c) => (
          <section key={c} {...columnProps(c)} aria-labelledby={`col-${c}`}>
            <h2 id={`col-${c}`} class="column-head">
              <span>{columnLabel(c)}</span> <span class="count">{count(c)}</span>
            </h2>
            {cards(c)}
          </section>
        ))}
        <div class="folded">
          {FOLDED_COLUMNS.map((c) => (
            <details key={c} {...columnProps(c)}>
              <summary class="column-head">
                <span>{columnLabel(c)}</span> <span class="count">{count(c)}</span>
              </summary>
              {cards(c)}
            </details>
          ))}
        </div>
      </div>
      {moving ? (
        <MoveDialog
          row={moving}
          onCancel={() => setMoving(null)}
          onMove={(to) => {
            setMoving(null);
            void move(moving, to);
          }}
        />
      ) : null}
      {asking ? (
        <WhyDialog
          name={displayName(asking.row.person)}
          onDone={(why) => {
            asking.resolve(why);
            setAsking(null);
          }}
        />
      ) : null}
    </div>
  );
}

function Card({ row, today, onMove }: { row: PersonRow; today: number; onMove: () => void }) {
  const p = row.person;
  const name = displayName(p);
  const sites = [...new Set(p.identities.map((i) => i.site))];
  const followUp = p.nextFollowUpAt !== undefined && !p.onDrip && !p.reachOut && p.stage !== 'not_interested';
  return (
    <li
      class="card"
      data-person-id={p.id}
      draggable
      onDragStart={(e) => {
        e.dataTransfer?.setData('text/plain', p.id);
        if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
      }}
    >
      <div class="row between nowrap">
        <a class="card-name" href={personHref(p.id)} target="_blank" rel="noopener" aria-label={t('openPerson', name)}>
          {name}
        </a>
        <span class="row nowrap">
          {sites.map((s) => (
            <SiteIcon key={s} site={s} />
          ))}
        </span>
      </div>
      <p class="small muted card-when">
        <span>{p.lastTouchAt !== undefined ? t('lastTouch', relativeMoment(p.lastTouchAt, today)) : t('cardNoTouch')}</span>
        {followUp ? <span>{t('followUpOn', relativeDay(p.nextFollowUpAt!, today))}</span> : null}
      </p>
      <div class="row between">
        <SignalChips signals={row.signals} limit={2} />
        <button type="button" class="btn small card-move" onClick={onMove} aria-label={t('moveCardNamed', name)}>
          {t('moveCard')}
        </button>
      </div>
    </li>
  );
}

/** The keyboard's way to move a card: choose the column, then Move (Enter on the choice moves too). */
function MoveDialog({ row, onMove, onCancel }: { row: PersonRow; onMove: (to: Column) => void; onCancel: () => void }) {
  const from = columnOf(row.person);
  const choices = COLUMNS.filter((c) => c !== from && c !== 'reach_out');
  const [to, setTo] = useState<Column>(choices[0]!);
  return (
    <ConfirmDialog title={t('moveTitle', displayName(row.person))} confirmLabel={t('moveConfirm')} onConfirm={() => onMove(to)} onCancel={onCancel}>
      <fieldset
        class="choices"
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            onMove(to);
          }
        }}
      >
        <legend class="visually-hidden">{t('moveTitle', displayName(row.person))}</legend>
        {choices.map((c) => (
          <label key={c} class="choice">
            <input type="radio" name="move-to" value={c} checked={to === c} onChange={() => setTo(c)} />
            {columnLabel(c)}
          </label>
        ))}
      </fieldset>
    </ConfirmDialog>
  );
}

/** A lead becomes a prospect when they talk back (docs/domain.md): the user says how. */
function WhyDialog({ name, onDone }: { name: string; onDone: (why: PromotionReason | null) => void }) {
  const [why, setWhy] = useState<PromotionReason>(PROMOTION_REASONS[0]);
  return (
    <ConfirmDialog title={t('whyProspectTitle', name)} confirmLabel={t('moveConfirm')} onConfirm={() => onDone(why)} onCancel={() => onDone(null)}>
      <fieldset class="choices">
        <legend>{t('whyProspectHelp')}</legend>
        {PROMOTION_REASONS.map((r) => (
          <label key={r} class="choice">
            <input type="radio" name="why" value={r} checked={why === r} onChange={() => setWhy(r)} />
            <span class="reason">{t(PROMOTION_REASON_KEYS[r])}</span>
          </label>
        ))}
      </fieldset>
    </ConfirmDialog>
  );
}
