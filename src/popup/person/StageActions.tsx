import { Field, Fold } from '../../ui/components';
import { STAGES } from '../../domain/constants';
import type { Stage } from '../../domain/types';
import { useApi } from '../../ui/api';
import { displayName, stageLabel } from '../../ui/format';
import { t, type MessageKey } from '../../ui/i18n';
import { usePersonChange, type Detail } from './usePersonChange';

interface QuickMove {
  to: Stage;
  key: MessageKey;
  danger?: boolean;
}

/** The one-click moves that make sense from each stage; any other move is in the select. */
export function quickMoves(stage: Stage): QuickMove[] {
  switch (stage) {
    case 'lead':
      return [{ to: 'prospect', key: 'promoteToProspect' }];
    case 'prospect':
      return [
        { to: 'customer', key: 'becameCustomer' },
        { to: 'team_member', key: 'joinedTeam' },
        { to: 'lead', key: 'demoteToLead' },
      ];
    case 'customer':
      return [{ to: 'team_member', key: 'joinedTeam' }];
    case 'team_member':
      return [];
    case 'not_interested':
      return [{ to: 'lead', key: 'reopenAsLead' }];
  }
}

export function StageActions({ detail, reload, open = false }: { detail: Detail; reload: () => Promise<void>; open?: boolean }) {
  const { send } = useApi();
  const change = usePersonChange(detail, reload);
  const p = detail.person;
  const name = displayName(p);
  const move = (to: Stage) =>
    change(t('movedTo', name, stageLabel(to)), async () => (await send('setStage', { personId: p.id, stage: to })).person);

  // Undo (the person as before, restored) sends updatePerson reachOut:true: a suggestion again.
  const captureAsLead = () =>
    void change(t('capturedAsLead', name), async () => (await send('updatePerson', { personId: p.id, reachOut: false })).person);

  return (
    <Fold id="stage" title={t('stageSection')} open={open}>
      {p.reachOut ? (
        <div class="notice">
          <p>{t('reachOutExplain')}</p>
          <button type="button" class="btn primary" onClick={captureAsLead}>
            {t('captureAsLead')}
          </button>
        </div>
      ) : null}
      <div class="row">
        {quickMoves(p.stage).map((m) => (
          <button key={m.to} type="button" class={`btn${m.to === 'prospect' ? ' primary' : ''}`} onClick={() => void move(m.to)}>
            {t(m.key)}
          </button>
        ))}
        {p.stage !== 'not_interested' ? (
          <button type="button" class="btn" onClick={() => void move('not_interested')}>
            {t('markNotInterested')}
          </button>
        ) : null}
      </div>
      <div class="row">
        <Field label={t('changeStage')}>
          <select
            value={p.stage}
            onChange={(e) => {
              const to = e.currentTarget.value as Stage;
              if (to !== p.stage) void move(to);
            }}
          >
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {stageLabel(s)}
              </option>
            ))}
          </select>
        </Field>
        {p.stage !== 'not_interested' ? (
          <label class="inline">
            <input
              type="checkbox"
              checked={p.onDrip}
              onChange={(e) => {
                const onDrip = e.currentTarget.checked;
                void change(onDrip ? t('dripOn', name) : t('dripOff', name), async () =>
                  (await send('updatePerson', { personId: p.id, onDrip })).person,
                );
              }}
            />
            {t('dripToggle')}
          </label>
        ) : null}
      </div>
      {p.onDrip ? <p class="small muted">{t('dripExplain')}</p> : null}
      {p.stage === 'not_interested' ? <p class="small muted">{t('notInterestedExplain')}</p> : null}
    </Fold>
  );
}
