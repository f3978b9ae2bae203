import { Field, Fold } from '../../ui/components';
import { useState } from 'preact/hooks';
import { LIMITS } from '../../domain/limits';
import { useApi } from '../../ui/api';
import { displayName, formatDateTime, fromLocalInput, toLocalInput } from '../../ui/format';
import { t } from '../../ui/i18n';
import { usePersonChange, type Detail } from './usePersonChange';

export function NextStep({ detail, reload, open = false }: { detail: Detail; reload: () => Promise<void>; open?: boolean }) {
  const { send } = useApi();
  const change = usePersonChange(detail, reload);
  const p = detail.person;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(p.nextStep?.text ?? '');
  const [at, setAt] = useState(p.nextStep?.at === undefined ? '' : toLocalInput(p.nextStep.at));

  const save = async () => {
    const clean = text.trim().slice(0, LIMITS.nextStep);
    const when = fromLocalInput(at);
    const ok = await change(t('nextStepSaved', displayName(p)), async () =>
      (await send('updatePerson', {
        personId: p.id,
        nextStep: clean ? { text: clean, ...(when === undefined ? {} : { at: when }) } : null,
      })).person,
    );
    if (ok) setEditing(false);
  };

  return (
    <Fold id="next" title={t('nextStepLegend')} open={open}>
      {!editing ? (
        <div class="row between">
          <p class={p.nextStep ? '' : 'muted'}>
            {p.nextStep
              ? p.nextStep.at !== undefined
                ? t('nextStepWithDate', p.nextStep.text, formatDateTime(p.nextStep.at))
                : p.nextStep.text
              : t('nextStepNone')}
          </p>
          <div class="row">
            <button type="button" class="btn small" onClick={() => setEditing(true)}>
              {p.nextStep ? t('edit') : t('nextStepAdd')}
            </button>
            {p.nextStep ? (
              <button
                type="button"
                class="btn small"
                onClick={() =>
                  void change(t('nextStepCleared', displayName(p)), async () =>
                    (await send('updatePerson', { personId: p.id, nextStep: null })).person,
                  )
                }
              >
                {t('nextStepDone')}
              </button>
            ) : null}
          </div>
        </div>
      ) : (
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Field label={t('nextStepText')}>
            <input type="text" value={text} maxLength={LIMITS.nextStep} onInput={(e) => setText(e.currentTarget.value)} />
          </Field>
          <Field label={t('nextStepWhen')}>
            <input type="datetime-local" value={at} onInput={(e) => setAt(e.currentTarget.value)} />
          </Field>
          <div class="row">
            <button type="submit" class="btn primary">
              {t('save')}
            </button>
            <button type="button" class="btn" onClick={() => setEditing(false)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
    </Fold>
  );
}
