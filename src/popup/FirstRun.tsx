import { t } from '../ui/i18n';
import { useApi } from '../ui/api';
import { useNav } from './context';

export const DEMO_URL = 'http://127.0.0.1:8337/demo/index.html';

/**
 * Shown while nobody is captured yet, before anything else: three steps that name the button
 * the pages really show ("+ Lead"), adding someone by hand, the demo page in dev builds.
 */
export function FirstRun() {
  const { isDev } = useApi();
  const { go } = useNav();
  return (
    <section class="card first-run" aria-labelledby="first-run-title">
      <h3 id="first-run-title">{t('firstRunTitle')}</h3>
      <ol>
        <li>{t('firstRunStep1')}</li>
        <li>
          {t('firstRunStep2')} <span class="chip-sample" aria-hidden="true">{t('content_unknown')}</span>
        </li>
        <li>{t('firstRunStep3')}</li>
      </ol>
      <p class="small muted">{t('firstRunPrivacy')}</p>
      <div class="row">
        <button type="button" class="btn" onClick={() => go({ view: 'add' })}>
          {t('firstRunAdd')}
        </button>
        {isDev ? (
          <a class="btn" href={DEMO_URL} target="_blank" rel="noopener noreferrer">
            {t('firstRunDemo')}
          </a>
        ) : null}
      </div>
    </section>
  );
}
