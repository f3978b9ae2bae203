import { Field } from '../../ui/components';
import { useRef, useState } from 'preact/hooks';
import { CHANNELS, TOUCH_KINDS } from '../../domain/constants';
import { LIMITS } from '../../domain/limits';
import type { Channel, Direction, TouchKind } from '../../domain/types';
import type { Req } from '../../messages/contract';
import { errorText, useApi } from '../../ui/api';
import { channelLabel, displayName, fromLocalInput, touchKindLabel } from '../../ui/format';
import { t } from '../../ui/i18n';
import { useNav } from '../context';
import type { Detail } from './usePersonChange';

/** Touches that are a conversation with the person: with a prospect, they ask for the next step. */
const ASKS_NEXT_STEP: ReadonlySet<TouchKind> = new Set(['message', 'call', 'meeting', 'exposure']);

export function needsNextStep(stage: string, kind: TouchKind): boolean {
  return stage === 'prospect' && ASKS_NEXT_STEP.has(kind);
}

export function LogTouch({ detail, reload }: { detail: Detail; reload: () => Promise<void> }) {
  const { send } = useApi();
  const { notifier } = useNav();
  const p = detail.person;
  const defaultChannel: Channel = p.identities[0]?.site ?? 'other';
  const [direction, setDirection] = useState<Direction>('outbound');
  const [channel, setChannel] = useState<Channel>(defaultChannel);
  const [kind, setKind] = useState<TouchKind>('message');
  const [note, setNote] = useState('');
  const [stepText, setStepText] = useState('');
  const [stepAt, setStepAt] = useState('');
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const stepRef = useRef<HTMLInputElement>(null);
  const asksStep = needsNextStep(p.stage, kind);

  const submit = async (skipStep: boolean) => {
    if (asksStep && !stepText.trim() && !skipStep) {
      setAsking(true);
      stepRef.current?.focus();
      return;
    }
    setBusy(true);
    const req: Req<'logTouch'> = { personId: p.id, direction, channel, kind };
    if (note.trim()) req.text = note.trim().slice(0, LIMITS.text);
    if (asksStep && stepText.trim()) {
      const at = fromLocalInput(stepAt);
      req.nextStep = { text: stepText.trim().slice(0, LIMITS.nextStep), ...(at === undefined ? {} : { at }) };
    }
    try {
      const { touch } = await send('logTouch', req);
      // Undo deletes the touch; the background rebuilds the counters from the touches left.
      const undo = async () => {
        await send('deleteTouch', { touchId: touch.id });
      };
      notifier.notify(t('touchLogged', touchKindLabel(kind), displayName(p)), undo);
      setNote('');
      setStepText('');
      setStepAt('');
      setAsking(false);
      await reload();
    } catch (e) {
      notifier.error(errorText(e, t('actionFailed')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="log-title" class="log-touch">
      <h4 id="log-title" class="visually-hidden">
        {t('logTouchTitle')}
      </h4>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void submit(false);
        }}
      >
        <fieldset>
          <legend>{t('directionLegend')}</legend>
          <div class="row">
            <label class="inline">
              <input type="radio" name="direction" checked={direction === 'outbound'} onChange={() => setDirection('outbound')} />
              {t('directionOutbound')}
            </label>
            <label class="inline">
              <input type="radio" name="direction" checked={direction === 'inbound'} onChange={() => setDirection('inbound')} />
              {t('directionInbound')}
            </label>
          </div>
        </fieldset>
        <div class="row">
          <Field label={t('kindLabel')}>
            <select value={kind} onChange={(e) => setKind(e.currentTarget.value as TouchKind)}>
              {TOUCH_KINDS.map((k) => (
                <option key={k} value={k}>
                  {touchKindLabel(k)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('channelLabel')}>
            <select value={channel} onChange={(e) => setChannel(e.currentTarget.value as Channel)}>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {channelLabel(c)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field label={t('touchNoteLabel')}>
          <textarea value={note} maxLength={LIMITS.text} onInput={(e) => setNote(e.currentTarget.value)} />
        </Field>
        {asksStep ? (
          <fieldset class={asking ? 'ask' : ''}>
            <legend>{t('nextStepLegend')}</legend>
            {asking ? (
              <p role="alert" class="notice">
                {t('forgotToClose')}
              </p>
            ) : (
              <p class="small muted">{t('nextStepHint')}</p>
            )}
            <Field label={t('nextStepText')}>
              <input
                ref={stepRef}
                type="text"
                value={stepText}
                maxLength={LIMITS.nextStep}
                placeholder={t('nextStepPlaceholder')}
                onInput={(e) => setStepText(e.currentTarget.value)}
              />
            </Field>
            <Field label={t('nextStepWhen')}>
              <input type="datetime-local" value={stepAt} onInput={(e) => setStepAt(e.currentTarget.value)} />
            </Field>
          </fieldset>
        ) : null}
        <div class="row">
          <button type="submit" class="btn primary" disabled={busy}>
            {t('logTouchSubmit')}
          </button>
          {asking ? (
            <button type="button" class="btn" disabled={busy} onClick={() => void submit(true)}>
              {t('skipNextStep')}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
