import browser from 'webextension-polyfill';
import { useApi } from '../ui/api';
import { SiteIcon } from '../ui/components';
import { siteLabel } from '../ui/format';
import { t, type MessageKey } from '../ui/i18n';
import type { Site } from '../domain/types';
import { DEMO_URL } from '../popup/FirstRun';

type Surface = 'comments' | 'reactions' | 'messages';
const SURFACE_KEYS: Record<Surface, MessageKey> = { comments: 'surfaceComments', reactions: 'surfaceReactions', messages: 'surfaceMessages' };

/** Where each site shows the button (content/sites): the same table as the README. */
export const WHERE: readonly [Exclude<Site, 'demo'>, readonly Surface[]][] = [
  ['facebook', ['comments', 'reactions', 'messages']],
  ['instagram', ['comments', 'reactions', 'messages']],
  ['linkedin', ['comments', 'reactions', 'messages']],
  ['x', ['comments', 'reactions', 'messages']],
  ['youtube', ['comments']],
  ['tiktok', ['comments']],
];

/** Firefox pins from its extensions menu, Chrome from the puzzle piece. */
function isFirefox(): boolean {
  return /firefox/i.test(globalThis.navigator?.userAgent ?? '');
}

/**
 * Opened once, on install: pin the icon, try it (the demo page in dev builds, a sample of the
 * button otherwise), where the button appears on each site, and what stays private.
 */
export function Welcome({ firefox = isFirefox() }: { firefox?: boolean }) {
  const { isDev, openOptions } = useApi();
  const popupUrl = (query: string) => {
    try {
      return browser.runtime.getURL(`src/popup/index.html${query}`);
    } catch {
      return `../popup/index.html${query}`;
    }
  };
  return (
    <main class="welcome">
      <h1>{t('welcomeTitle')}</h1>
      <p class="lead-text">{t('welcomeIntro')}</p>

      <section class="card" aria-labelledby="pin-title">
        <h2 id="pin-title">{t('welcomePinTitle')}</h2>
        <p>{firefox ? t('welcomePinFirefox') : t('welcomePinChrome')}</p>
      </section>

      <section class="card" aria-labelledby="try-title">
        <h2 id="try-title">{t('welcomeTryTitle')}</h2>
        {isDev ? (
          <>
            <p>{t('welcomeTryDemo')}</p>
            <p>
              <a class="btn primary" href={DEMO_URL} target="_blank" rel="noopener noreferrer">
                {t('firstRunDemo')}
              </a>
            </p>
          </>
        ) : (
          <p>{t('welcomeTryOwn')}</p>
        )}
        <figure class="sample" aria-label={t('welcomeSampleLabel')}>
          <div class="sample-comment">
            <strong>Ana Souza</strong> <span class="chip-sample">{t('content_unknown')}</span>
            <p>{t('welcomeSampleComment')}</p>
          </div>
          <figcaption class="small muted">{t('welcomeSampleCaption')}</figcaption>
        </figure>
        <p>
          <a class="btn" href={popupUrl('?view=add')}>
            {t('firstRunAdd')}
          </a>
        </p>
      </section>

      <section class="card" aria-labelledby="where-title">
        <h2 id="where-title">{t('welcomeWhereTitle')}</h2>
        <ul class="plain where">
          {WHERE.map(([site, surfaces]) => (
            <li key={site}>
              <SiteIcon site={site} />
              <span>
                <strong>{siteLabel(site)}</strong>: {surfaces.map((s) => t(SURFACE_KEYS[s])).join(', ')}
              </span>
            </li>
          ))}
        </ul>
        <p class="small">{t('welcomeRightClick')}</p>
      </section>

      <section class="card" aria-labelledby="private-title">
        <h2 id="private-title">{t('welcomePrivateTitle')}</h2>
        <ul>
          <li>{t('welcomePrivate1')}</li>
          <li>{t('welcomePrivate2')}</li>
          <li>{t('welcomePrivate3')}</li>
        </ul>
      </section>

      <div class="row">
        <a class="btn primary" href={popupUrl('?view=today')}>
          {t('welcomeStart')}
        </a>
        <button type="button" class="btn" onClick={() => openOptions()}>
          {t('welcomeSettings')}
        </button>
      </div>
    </main>
  );
}
