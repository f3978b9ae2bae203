import type { Touch } from '../../domain/types';
import { Fold } from '../../ui/components';
import { channelLabel, formatDateTime, safeHref, touchKindLabel } from '../../ui/format';
import { t, tp } from '../../ui/i18n';

/** Touches shown at the top of a person's page; the rest fold under "Whole history". */
export const LAST_TOUCHES = 3;

/** Newest first. Every text here came from a page or the user: rendered as text, never markup. */
function TouchItems({ touches }: { touches: Touch[] }) {
  return (
    <ol class="plain timeline">
      {touches.map((touch) => {
        const href = safeHref(touch.contextUrl);
        return (
          <li key={touch.id} class={`touch ${touch.direction}`}>
            <div class="row between small">
              <span>
                <span aria-hidden="true">{touch.direction === 'inbound' ? '← ' : '→ '}</span>
                {touch.direction === 'inbound' ? t('touchFromThem', touchKindLabel(touch.kind)) : t('touchFromYou', touchKindLabel(touch.kind))}
                {' · '}
                {channelLabel(touch.channel)}
              </span>
              <time dateTime={new Date(touch.at).toISOString()} class="muted">
                {formatDateTime(touch.at)}
              </time>
            </div>
            {touch.text ? <p class="touch-text">{touch.text}</p> : null}
            {touch.nextStep ? <p class="small">{t('nextStepShort', touch.nextStep.text)}</p> : null}
            {href ? (
              <a class="small" href={href} target="_blank" rel="noopener noreferrer">
                {touch.kind === 'message' ? t('openConversation') : t('openWhereItHappened')}
              </a>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

/** The last few touches, then the whole history folded below them. */
export function Timeline({ touches }: { touches: Touch[] }) {
  const list = [...touches].sort((a, b) => b.at - a.at);
  const rest = list.slice(LAST_TOUCHES);
  return (
    <section aria-labelledby="timeline-title" class="card">
      <h3 id="timeline-title">{t('lastTouchesTitle')}</h3>
      {list.length === 0 ? <p class="small muted">{t('timelineEmpty')}</p> : <TouchItems touches={list.slice(0, LAST_TOUCHES)} />}
      {rest.length > 0 ? (
        <Fold id="history" title={tp('olderTouches', rest.length)}>
          <TouchItems touches={rest} />
        </Fold>
      ) : null}
    </section>
  );
}
