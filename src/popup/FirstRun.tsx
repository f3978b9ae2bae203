import { t } from '../ui/i18n';
import { useApi } from '../ui/api';

export const DEMO_URL = 'http://127.0.0.1:8337/demo/index.html';

/** Shown while nobody is captured yet: three steps, and the demo page in dev builds. */
export function FirstRun() {
  const { isDev } = useApi();
  return (
    <section class="card first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">{t('firstRunTitle')}</h2>
      <ol>
        <li>{t('firstRunStep1')}</li>
        <li>{t('firstRunStep2')}</li>
        <li>{t('firstRunStep3')}</li>
      </ol>
      <p class="muted small">{t('firstRunPrivacy')}</p>
      {isDev ? (
        <p>
          <a href={DEMO_URL} target="_blank" rel="noopener noreferrer">
            {t('firstRunDemo')}
          </a>
        </p>
      ) : null}
    </section>
  );
}
