/** Small shared pieces: every control has a name, every status is announced, text stays text. */
import { cloneElement, type ComponentChildren, type VNode } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Site, Stage } from '../domain/types';
import type { SignalName, SignalsView } from '../messages/contract';
import { SIGNAL_NAMES } from '../messages/wire-names';
import { signalLabel, siteLabel, stageLabel } from './format';
import { t } from './i18n';
import type { UndoStack } from './undo';

export function StageBadge({ stage, onDrip, reachOut }: { stage: Stage; onDrip?: boolean; reachOut?: boolean }) {
  return (
    <span class="badges">
      <span class={`badge stage-${stage}`}>{reachOut ? t('reachOutSuggestion') : stageLabel(stage)}</span>
      {onDrip ? <span class="badge drip">{t('signalOnDrip')}</span> : null}
    </span>
  );
}

/** Signals worth a glance in a list, most urgent first; drip and not-interested show as badges already. */
const LIST_SIGNALS: readonly SignalName[] = ['readyToDecide', 'overdue', 'followUpDue', 'chasing', 'noNextStep'];

/**
 * The signal chips of a person. A list row shows only the most urgent one (`limit` 1): a row
 * wearing five labels says nothing; the person's page shows them all.
 */
export function SignalChips({ signals, all = false, limit }: { signals: SignalsView; all?: boolean; limit?: number }) {
  const names = (all ? SIGNAL_NAMES : LIST_SIGNALS)
    .filter((n) => signals[n] && !(n === 'followUpDue' && signals.overdue))
    .slice(0, limit);
  if (names.length === 0) return null;
  return (
    <ul class="chips" aria-label={t('signalsLabel')}>
      {names.map((n) => (
        <li key={n} class={`chip signal-${n}`}>
          {signalLabel(n)}
        </li>
      ))}
    </ul>
  );
}

const SITE_MARKS: Record<Site, string> = {
  facebook: 'f',
  instagram: 'IG',
  linkedin: 'in',
  x: 'X',
  youtube: 'YT',
  tiktok: 'TT',
  demo: 'D',
};

/** A small mark of the site (drawn here: no logo files, nothing fetched), named for screen readers. */
export function SiteIcon({ site }: { site: Site }) {
  return (
    <span class={`site-icon site-${site}`} title={siteLabel(site)}>
      <span aria-hidden="true">{SITE_MARKS[site]}</span>
      <span class="visually-hidden">{siteLabel(site)}</span>
    </span>
  );
}

export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div
      class="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={Math.min(value, max)}
      aria-valuetext={t('progressValue', value, max)}
    >
      <div class={`progress-fill${value >= max ? ' done' : ''}`} style={{ width: `${pct}%` }} />
    </div>
  );
}

export function Loading() {
  return (
    <p class="muted" role="status">
      {t('loading')}
    </p>
  );
}

export function ErrorMessage({ text, onRetry }: { text: string; onRetry?: () => void }) {
  return (
    <div class="error" role="alert">
      <p>{text}</p>
      {onRetry ? (
        <button type="button" class="btn" onClick={onRetry}>
          {t('retry')}
        </button>
      ) : null}
    </div>
  );
}

/**
 * A label above its control, tied by id (not by nesting, so the control's name is the label
 * alone and never includes the value typed into it).
 */
export function Field({ label, children, class: cls }: { label: string; children: VNode<{ id?: string }>; class?: string }) {
  const id = useId();
  const controlId = children.props.id ?? `f${id}`;
  return (
    <div class={cls ? `field ${cls}` : 'field'}>
      <label for={controlId}>{label}</label>
      {cloneElement(children, { id: controlId })}
    </div>
  );
}

/**
 * A section that folds: its heading is the toggle (a native <details>, so keyboard and screen
 * readers know it). `open` is how it first shows; the user's toggling is kept. The heading's
 * id is `<id>-title`, for fields labelled by it.
 */
export function Fold({ id, title, open = false, extra, children }: { id: string; title: string; open?: boolean; extra?: ComponentChildren; children: ComponentChildren }) {
  return (
    <details class="card fold" open={open} data-fold={id}>
      <summary>
        <h3 id={`${id}-title`}>{title}</h3>
        {extra}
      </summary>
      <div class="fold-body">{children}</div>
    </details>
  );
}

/**
 * A modal confirmation. Focus moves in, Tab stays in, Escape cancels, and focus returns
 * to where it was when the dialog closes.
 */
export function ConfirmDialog(props: {
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  danger?: boolean;
  /** Disables the confirm button until the caller is satisfied (typed confirmation). */
  canConfirm?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useRef(`dlg-${Math.random().toString(36).slice(2)}`).current;
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('input, select, textarea, button');
    first?.focus();
    return () => before?.focus?.();
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      props.onCancel();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const focusables = [...ref.current.querySelectorAll<HTMLElement>('input, select, textarea, button:not([disabled])')];
    const first = focusables[0];
    const last = focusables[focusables.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  return (
    <div class="dialog-backdrop">
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={ref} onKeyDown={onKeyDown}>
        <h2 id={titleId}>{props.title}</h2>
        <div class="dialog-body">{props.children}</div>
        <div class="row end">
          <button type="button" class="btn" onClick={props.onCancel}>
            {t('cancel')}
          </button>
          <button
            type="button"
            class={`btn ${props.danger ? 'danger' : 'primary'}`}
            disabled={props.canConfirm === false}
            onClick={props.onConfirm}
          >
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

export interface SnackState {
  text: string;
  kind: 'info' | 'error';
  /** Shows the Undo button (the undo stack has an entry). */
  undoable: boolean;
  serial: number;
}

export interface Notifier {
  /** Announces `text`; with `undo`, the action goes on the undo stack. */
  notify(text: string, undo?: () => Promise<void>): void;
  error(text: string): void;
  /** Hides the current message (a new task started; the old news would mislead). */
  clear(): void;
}

/** Wires a notifier to an undo stack and a piece of state the Snackbar renders. */
export function useNotifier(stack: UndoStack): [Notifier, SnackState | null, () => Promise<void>, () => void] {
  const [snack, setSnack] = useState<SnackState | null>(null);
  const serial = useRef(0);
  const show = (text: string, kind: SnackState['kind'], undoable: boolean) =>
    setSnack({ text, kind, undoable, serial: ++serial.current });
  const notifier: Notifier = {
    notify(text, undo) {
      if (undo) stack.push(text, undo);
      show(text, 'info', stack.size > 0 && !!undo);
    },
    error(text) {
      show(text, 'error', false);
    },
    clear() {
      setSnack(null);
    },
  };
  const undo = async () => {
    try {
      const entry = await stack.undoLast();
      if (entry) show(t('undone', entry.label), 'info', stack.size > 0);
    } catch (e) {
      show(e instanceof Error && e.message ? e.message : t('undoFailed'), 'error', stack.size > 0);
    }
  };
  return [notifier, snack, undo, () => setSnack(null)];
}

/** How long a message stays: long enough to read it and reach Undo, then it gets out of the way. */
export const SNACK_MS = 8_000;

export function Snackbar({
  snack,
  stack,
  onUndo,
  onDismiss,
  ms = SNACK_MS,
}: {
  snack: SnackState | null;
  stack: UndoStack;
  onUndo: () => void;
  onDismiss: () => void;
  ms?: number;
}) {
  const top = stack.peek();
  // Closes by itself, except while the pointer or the keyboard is on it (time to reach Undo).
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (!snack || held) return;
    const id = setTimeout(onDismiss, ms);
    return () => clearTimeout(id);
  }, [snack?.serial, held]);
  // The page keeps room below its content for the message, so it never covers the last buttons.
  useEffect(() => {
    document.body.classList.toggle('has-snack', !!snack);
    return () => document.body.classList.remove('has-snack');
  }, [!!snack]);
  return (
    <div
      class="snackbar-region"
      aria-live="polite"
      role="status"
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocusIn={() => setHeld(true)}
      onFocusOut={() => setHeld(false)}
    >
      {snack ? (
        <div class={`snackbar ${snack.kind}`} key={snack.serial}>
          <span class="snack-text">{snack.text}</span>
          {snack.undoable && top ? (
            <button type="button" class="btn link" onClick={onUndo} aria-label={t('undoNamed', top.label)}>
              {t('undo')}
            </button>
          ) : null}
          <button type="button" class="btn icon" onClick={onDismiss} aria-label={t('dismiss')}>
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** Calls `fn` once `value` has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}
