/**
 * One-tap logging, shared by Today's queue and the person's page: "Sent" logs a message you
 * sent, "They replied" one they sent, each undoable. With a prospect, a message you sent asks
 * for the next step (DOMAIN.md: "you forgot to close"), after the touch is saved, never before.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { LIMITS } from '../domain/limits';
import type { Channel, Direction, Person } from '../domain/types';
import { errorText, useApi } from '../ui/api';
import { Field } from '../ui/components';
import { displayName, fromLocalInput } from '../ui/format';
import { t } from '../ui/i18n';
import { useNav } from './context';

/** The channel a one-tap touch is logged on: their site, else the phone or e-mail we have. */
export function channelOf(p: Pick<Person, 'identities' | 'phone' | 'email'>): Channel {
  return p.identities[0]?.site ?? (p.phone ? 'phone' : p.email ? 'email' : 'other');
}

/** Does a message you sent to this person call for a next step? */
export function asksNextStep(p: Pick<Person, 'stage'>, direction: Direction): boolean {
  return p.stage === 'prospect' && direction === 'outbound';
}

/** Logs one message in `direction`; resolves true when it was saved. */
export function useQuickLog(): (p: Person, direction: Direction) => Promise<boolean> {
  const { send } = useApi();
  const { notifier } = useNav();
  return async (p, direction) => {
    try {
      const { touch } = await send('logTouch', { personId: p.id, direction, channel: channelOf(p), kind: 'message' });
      const name = displayName(p);
      notifier.notify(direction === 'outbound' ? t('sentLogged', name) : t('replyLogged', name), async () => {
        await send('deleteTouch', { touchId: touch.id });
      });
      return true;
    } catch (e) {
      notifier.error(errorText(e, t('actionFailed')));
      return false;
    }
  };
}

/** The two buttons. `onLogged` runs after a touch is saved (the caller refreshes or asks for the step). */
export function QuickLogButtons({ person, onLogged }: { person: Person; onLogged: (direction: Direction) => void }) {
  const log = useQuickLog();
  const [busy, setBusy] = useState(false);
  const name = displayName(person);
  const run = async (direction: Direction) => {
    setBusy(true);
    const ok = await log(person, direction);
    setBusy(false);
    if (ok) onLogged(direction);
  };
  return (
    <>
      <button type="button" class="btn small" disabled={busy} aria-label={t('quickSentNamed', name)} onClick={() => void run('outbound')}>
        {t('quickSent')}
      </button>
      <button type="button" class="btn small" disabled={busy} aria-label={t('quickRepliedNamed', name)} onClick={() => void run('inbound')}>
        {t('quickReplied')}
      </button>
    </>
  );
}

/** "What's the next step?" after a conversation with a prospect: saved with Save, or left with Not now. */
export function NextStepPrompt({ person, onDone }: { person: Person; onDone: () => void }) {
  const { send } = useApi();
  const { notifier } = useNav();
  const [text, setText] = useState('');
  const [when, setWhen] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const name = displayName(person);
  const save = async () => {
    const step = text.trim().slice(0, LIMITS.nextStep);
    if (!step) {
      input.current?.focus();
      return;
    }
    setBusy(true);
    const at = fromLocalInput(when);
    const before = person.nextStep ?? null;
    try {
      await send('updatePerson', { personId: person.id, nextStep: { text: step, ...(at === undefined ? {} : { at }) } });
      notifier.notify(t('nextStepSaved', name), async () => {
        await send('updatePerson', { personId: person.id, nextStep: before });
      });
      onDone();
    } catch (e) {
      notifier.error(errorText(e, t('actionFailed')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="stack next-step-prompt"
      aria-label={t('nextStepLegend')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <p class="notice" role="alert">
        {t('forgotToClose')}
      </p>
      <Field label={t('nextStepText')}>
        <input ref={input} type="text" value={text} maxLength={LIMITS.nextStep} placeholder={t('nextStepPlaceholder')} onInput={(e) => setText(e.currentTarget.value)} />
      </Field>
      <Field label={t('nextStepWhen')}>
        <input type="datetime-local" value={when} onInput={(e) => setWhen(e.currentTarget.value)} />
      </Field>
      <div class="row">
        <button type="submit" class="btn primary small" disabled={busy}>
          {t('nextStepSave')}
        </button>
        <button type="button" class="btn small" onClick={onDone}>
          {t('nextStepSkip')}
        </button>
      </div>
    </form>
  );
}
