import { Fold } from '../../ui/components';
import { QUALIFICATION_QUESTIONS } from '../../domain/constants';
import type { Qualification as Q } from '../../domain/types';
import { useApi } from '../../ui/api';
import { displayName } from '../../ui/format';
import { t, type MessageKey } from '../../ui/i18n';
import { usePersonChange, type Detail } from './usePersonChange';

type Question = (typeof QUALIFICATION_QUESTIONS)[number];

const QUESTION: Record<Question, { title: MessageKey; help: MessageKey }> = {
  need: { title: 'qNeed', help: 'qNeedHelp' },
  desire: { title: 'qDesire', help: 'qDesireHelp' },
  decisionMaker: { title: 'qDecisionMaker', help: 'qDecisionMakerHelp' },
  initiative: { title: 'qInitiative', help: 'qInitiativeHelp' },
};

const ANSWERS: { value: boolean | null; key: MessageKey; id: string }[] = [
  { value: true, key: 'answerYes', id: 'yes' },
  { value: false, key: 'answerNo', id: 'no' },
  { value: null, key: 'answerUnknown', id: 'unknown' },
];

export function yesCount(q: Q): number {
  return QUALIFICATION_QUESTIONS.filter((k) => q[k] === true).length;
}

export function Qualification({ detail, reload, open = false }: { detail: Detail; reload: () => Promise<void>; open?: boolean }) {
  const { send } = useApi();
  const change = usePersonChange(detail, reload);
  const p = detail.person;
  const yes = yesCount(p.qualification);
  return (
    <Fold id="qual" title={t('qualificationTitle')} open={open}>
      <p class={yes === 4 ? 'success' : 'small muted'} role="status">
        {yes === 4 ? t('readyToDecideExplain') : t('qualificationProgress', yes)}
      </p>
      {QUALIFICATION_QUESTIONS.map((k) => (
        <fieldset key={k} class="question">
          <legend>{t(QUESTION[k].title)}</legend>
          <p class="small muted">{t(QUESTION[k].help)}</p>
          <div class="row">
            {ANSWERS.map((a) => (
              <label key={a.id} class="inline">
                <input
                  type="radio"
                  name={`q-${k}`}
                  checked={p.qualification[k] === a.value}
                  onChange={() =>
                    void change(t('qualificationSaved', displayName(p), t(QUESTION[k].title), t(a.key)), async () =>
                      (await send('setQualification', { personId: p.id, qualification: { [k]: a.value } })).person,
                    )
                  }
                />
                {t(a.key)}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
    </Fold>
  );
}
