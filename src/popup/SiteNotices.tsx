/**
 * What the popup says about the sites themselves, above and below the day's work:
 * - the sites the browser keeps Handraiser off (site access withheld or not yet granted), with
 *   the one button that asks for it (after "Not now", a quiet line that still offers it);
 * - a quiet line when a site looks broken (its latest site-health news is "found only by the
 *   page's structure" or "nobody"), linking the options' site health.
 */
import { useEffect, useState } from 'preact/hooks';
import { SUPPORTED_SITES, type SupportedSite } from '../domain/sites';
import type { Site } from '../domain/types';
import { useApi } from '../ui/api';
import { siteList } from '../ui/format';
import { sitesLookingBroken } from '../ui/health';
import { t } from '../ui/i18n';
import { useNav } from './context';

type Asked = 'declined' | 'failed' | null;

/** The sites the user answered "Not now" for: only a quiet line names them after that (this browser's popup only). */
const QUIET_KEY = 'handraiser.siteAccessQuiet';

function readQuiet(): string[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(QUIET_KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function SiteAccessNotice() {
  const { send, siteAccess } = useApi();
  const [missing, setMissing] = useState<SupportedSite[]>([]);
  const [quiet, setQuiet] = useState<string[]>(readQuiet);
  const [asked, setAsked] = useState<Asked>(null);
  const [changed, setChanged] = useState(0);
  useEffect(() => siteAccess?.onChange(() => setChanged((n) => n + 1)), []);
  useEffect(() => {
    if (!siteAccess) return;
    let alive = true;
    (async () => {
      // A site the user turned off in Handraiser's own settings needs no access.
      const on = await send('settingsGet', {}).then(
        (r) => SUPPORTED_SITES.filter((s) => r.settings.sites[s]?.enabled !== false),
        () => SUPPORTED_SITES,
      );
      const m = await siteAccess.missing(on);
      if (alive) setMissing(m);
    })().catch(() => {
      // Not knowing is not a reason to alarm anyone: the notice stays away.
    });
    return () => {
      alive = false;
    };
  }, [changed]);

  if (!siteAccess || missing.length === 0) return null;
  const ask = () => {
    setAsked(null);
    siteAccess.request(missing).then(
      (granted) => {
        setAsked(granted ? null : 'declined');
        setChanged((n) => n + 1);
      },
      () => setAsked('failed'),
    );
  };
  const answer = asked ? (
    <p class="small" role="alert">
      {t(asked === 'declined' ? 'accessDeclined' : 'accessFailed')}
    </p>
  ) : null;
  // Someone who keeps a site closed on purpose is not asked again and again: one quiet line.
  if (missing.every((s) => quiet.includes(s))) {
    return (
      <div class="site-access-quiet">
        <p class="small muted">
          {t('accessMissing', siteList(missing))}{' '}
          <button type="button" class="btn link small" onClick={ask}>
            {t('accessAllow')}
          </button>
        </p>
        {answer}
      </div>
    );
  }
  const notNow = () => {
    const next = [...new Set([...quiet, ...missing])];
    try {
      localStorage.setItem(QUIET_KEY, JSON.stringify(next));
    } catch {
      // Not kept: the notice comes back next time, nothing worse.
    }
    setQuiet(next);
    setAsked(null);
  };
  return (
    <section class="notice site-access" aria-labelledby="site-access-title">
      <h3 id="site-access-title">{t('accessMissing', siteList(missing))}</h3>
      <p class="small">{t('accessWhy')}</p>
      <div class="row">
        <button type="button" class="btn primary" onClick={ask}>
          {t('accessAllow')}
        </button>
        <button type="button" class="btn" onClick={notNow}>
          {t('accessNotNow')}
        </button>
      </div>
      {answer}
    </section>
  );
}

export function SiteHealthHint() {
  const { send, openOptions } = useApi();
  const { version, live } = useNav();
  const [sites, setSites] = useState<Site[]>([]);
  useEffect(() => {
    let alive = true;
    send('listSiteHealth', {}).then(
      (r) => alive && setSites(sitesLookingBroken(r.warnings)),
      () => alive && setSites([]),
    );
    return () => {
      alive = false;
    };
  }, [version, live]);
  if (sites.length === 0) return null;
  return (
    <p class="small muted site-health-hint">
      {t('healthHint', siteList(sites))}{' '}
      <button type="button" class="btn link small" onClick={() => openOptions('health')}>
        {t('healthHintLink')}
      </button>
    </p>
  );
}
