import type { Touch } from '../../domain/types';
import { channelLabel, formatDateTime, safeHref, touchKindLabel } from '../../ui/format';
import { t } from '../../ui/i18n';

/** Newest first. Every text here came from a page or the user: rendered as text, never markup. */
export function Timeline({ touches }: { touches: Touch[] }) {
  const list = [...touches].sort((a, b) => b.at - a.at);
  return (
    <section aria-labelledby="timeline-title" class="card">
      <h3 id="timeline-title">{t('timelineTitle', list.length)}</h3>
      {list.length === 0 ? <p class="small muted">{t('timelineEmpty')}</p> : null}
      <ol class="plain timeline">
        {list.map((touch) => {
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
                  {t('openWhereItHappened')}
                </a>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
