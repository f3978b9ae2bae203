import { SITES, type Settings, type Site } from '../domain/types';
import { useApi } from '../ui/api';
import { siteLabel } from '../ui/format';
import { t } from '../ui/i18n';
import type { SaveSettings } from './useSettings';

export function Sites({ settings, save }: { settings: Settings; save: SaveSettings }) {
  const { isDev } = useApi();
  const sites = SITES.filter((s) => s !== 'demo' || isDev);
  const set = (site: Site, patch: Partial<Settings['sites'][Site]>) => {
    const current = settings.sites[site] ?? { enabled: true, badges: true };
    void save({ sites: { ...settings.sites, [site]: { ...current, ...patch } } }, siteLabel(site));
  };
  return (
    <section id="sites" aria-labelledby="sites-title" class="card">
      <h2 id="sites-title">{t('sitesTitle')}</h2>
      <p class="muted">{t('sitesIntro')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('siteColumn')}</th>
            <th scope="col">{t('siteEnabledColumn')}</th>
            <th scope="col">{t('siteBadgesColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {sites.map((s) => {
            const v = settings.sites[s] ?? { enabled: true, badges: true };
            return (
              <tr key={s}>
                <th scope="row">{siteLabel(s)}</th>
                <td>
                  <input
                    type="checkbox"
                    checked={v.enabled}
                    aria-label={t('siteEnabledNamed', siteLabel(s))}
                    onChange={(e) => set(s, { enabled: e.currentTarget.checked })}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    checked={v.badges}
                    disabled={!v.enabled}
                    aria-label={t('siteBadgesNamed', siteLabel(s))}
                    onChange={(e) => set(s, { badges: e.currentTarget.checked })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
