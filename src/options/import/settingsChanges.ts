/**
 * How a backup's settings differ from the user's, as a list a person can read, and the change
 * to make if they choose to use them. An import never applies a file's settings by itself
 * (store/backup.ts); and a file never switches message-text storage on: that stays the user's
 * own decision, made in the Privacy section.
 */
import { SITES, Settings, type Settings as SettingsT, type Site } from '../../domain/types';
import { siteLabel } from '../../ui/format';
import { t } from '../../ui/i18n';

export interface FileSettings {
  /** One line per difference: "Show reminders as notifications: On → Off". */
  changes: string[];
  /** What settingsSet gets when the user uses the file's settings (message-text storage only ever switched off). */
  patch: Partial<SettingsT>;
  /** The file keeps message text and the user does not: left as it is, and said so. */
  storeTextHeldBack: boolean;
}

const onOff = (v: boolean) => t(v ? 'settingOn' : 'settingOff');
const days = (list: readonly number[]) => list.join(', ');
const hours = (q: SettingsT['quietHours']) => (q.enabled ? `${q.start}–${q.end}` : t('settingOff'));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The file's settings against the user's; null when the file has none that are valid, or none that differ. */
export function settingsChanges(current: SettingsT, filed: unknown): FileSettings | null {
  const parsed = Settings.safeParse(filed);
  if (!parsed.success) return null;
  const file = parsed.data;
  const changes: string[] = [];
  const patch: Partial<SettingsT> = {};
  const line = (what: string, from: string, to: string) => changes.push(t('settingChange', what, from, to));

  if (!same(current.cadence, file.cadence)) {
    patch.cadence = file.cadence;
    if (!same(current.cadence.lead, file.cadence.lead)) line(t('cadenceLeadsLabel'), days(current.cadence.lead), days(file.cadence.lead));
    if (!same(current.cadence.contact, file.cadence.contact)) line(t('cadenceContactsLabel'), days(current.cadence.contact), days(file.cadence.contact));
  }
  if (current.dailyGoal !== file.dailyGoal) {
    patch.dailyGoal = file.dailyGoal;
    line(t('dailyGoalLabel'), String(current.dailyGoal), String(file.dailyGoal));
  }
  if (current.notifications !== file.notifications) {
    patch.notifications = file.notifications;
    line(t('notificationsLabel'), onOff(current.notifications), onOff(file.notifications));
  }
  if (!same(current.quietHours, file.quietHours)) {
    patch.quietHours = file.quietHours;
    line(t('quietHoursTitle'), hours(current.quietHours), hours(file.quietHours));
  }
  if (current.summaryTime !== file.summaryTime) {
    patch.summaryTime = file.summaryTime;
    line(t('summaryLabel'), current.summaryTime ?? t('settingOff'), file.summaryTime ?? t('settingOff'));
  }
  const storeTextHeldBack = file.storeMessageText && !current.storeMessageText;
  if (current.storeMessageText && !file.storeMessageText) {
    patch.storeMessageText = false;
    line(t('storeTextLabel'), onOff(true), onOff(false));
  }
  const sites: Partial<Record<Site, SettingsT['sites'][Site]>> = {};
  for (const site of SITES) {
    const was = current.sites[site];
    const now = file.sites[site];
    if (same(was, now)) continue;
    sites[site] = now;
    if (was.enabled !== now.enabled) line(t('siteEnabledNamed', siteLabel(site)), onOff(was.enabled), onOff(now.enabled));
    if (was.badges !== now.badges) line(t('siteBadgesNamed', siteLabel(site)), onOff(was.badges), onOff(now.badges));
  }
  if (Object.keys(sites).length > 0) patch.sites = { ...current.sites, ...sites };
  if (changes.length === 0 && !storeTextHeldBack) return null;
  return { changes, patch, storeTextHeldBack };
}
