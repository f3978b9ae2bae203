/** Labels and formatters shared by the popup and the options page: pure, no browser API. */
import type {
  Appointment,
  Channel,
  Identity,
  Person,
  Site,
  SourceKind,
  Stage,
  TouchKind,
} from '../domain/types';
import type { SignalName } from '../messages/contract';
import { t, uiLanguage, type MessageKey } from './i18n';

const STAGE_KEYS: Record<Stage, MessageKey> = {
  lead: 'stageLead',
  prospect: 'stageProspect',
  customer: 'stageCustomer',
  team_member: 'stageTeamMember',
  not_interested: 'stageNotInterested',
};
export const stageLabel = (s: Stage): string => t(STAGE_KEYS[s]);

const SITE_KEYS: Record<Site, MessageKey> = {
  facebook: 'siteFacebook',
  instagram: 'siteInstagram',
  linkedin: 'siteLinkedin',
  x: 'siteX',
  youtube: 'siteYoutube',
  tiktok: 'siteTiktok',
  demo: 'siteDemo',
};
export const siteLabel = (s: Site): string => t(SITE_KEYS[s]);
/** Site names as the language lists them: "Facebook, Instagram and X". */
export const siteList = (sites: readonly Site[]): string =>
  new Intl.ListFormat(uiLanguage(), { type: 'conjunction' }).format(sites.map(siteLabel));

const CHANNEL_KEYS: Record<Exclude<Channel, Site>, MessageKey> = {
  phone: 'channelPhone',
  email: 'channelEmail',
  in_person: 'channelInPerson',
  video: 'channelVideo',
  other: 'channelOther',
};
export function channelLabel(c: Channel): string {
  return c in SITE_KEYS ? siteLabel(c as Site) : t(CHANNEL_KEYS[c as Exclude<Channel, Site>]);
}

const TOUCH_KEYS: Record<TouchKind, MessageKey> = {
  comment: 'touchComment',
  like: 'touchLike',
  hand_raise_like: 'touchHandRaiseLike',
  message: 'touchMessage',
  call: 'touchCall',
  meeting: 'touchMeeting',
  exposure: 'touchExposure',
  note: 'touchNote',
};
export const touchKindLabel = (k: TouchKind): string => t(TOUCH_KEYS[k]);

const SOURCE_KEYS: Record<SourceKind, MessageKey> = {
  comment: 'sourceComment',
  like: 'sourceLike',
  hand_raise_like: 'sourceHandRaiseLike',
  message: 'sourceMessage',
  email_list: 'sourceEmailList',
  web_form: 'sourceWebForm',
  event: 'sourceEvent',
  referral: 'sourceReferral',
  outreach: 'sourceOutreach',
  warm_market: 'sourceWarmMarket',
  manual: 'sourceManual',
  import: 'sourceImport',
};
export const sourceLabel = (k: SourceKind): string => t(SOURCE_KEYS[k]);

const SIGNAL_KEYS: Record<SignalName, MessageKey> = {
  followUpDue: 'signalFollowUpDue',
  overdue: 'signalOverdue',
  chasing: 'signalChasing',
  noNextStep: 'signalNoNextStep',
  readyToDecide: 'signalReadyToDecide',
  onDrip: 'signalOnDrip',
  notInterested: 'signalNotInterested',
};
export const signalLabel = (s: SignalName): string => t(SIGNAL_KEYS[s]);

const APPT_KIND_KEYS: Record<Appointment['kind'], MessageKey> = {
  meeting: 'apptMeeting',
  call: 'apptCall',
  video_call: 'apptVideoCall',
};
export const appointmentKindLabel = (k: Appointment['kind']): string => t(APPT_KIND_KEYS[k]);

const APPT_STATUS_KEYS: Record<Appointment['status'], MessageKey> = {
  scheduled: 'apptScheduled',
  kept: 'apptKept',
  missed: 'apptMissed',
  cancelled: 'apptCancelled',
};
export const appointmentStatusLabel = (s: Appointment['status']): string => t(APPT_STATUS_KEYS[s]);

/** Only web addresses become links: a scraped `javascript:` URL stays inert text. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export function formatDate(at: number, lang = uiLanguage()): string {
  return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: 'numeric' }).format(at);
}

export function formatTime(at: number, lang = uiLanguage()): string {
  return new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(at);
}

export function formatDateTime(at: number, lang = uiLanguage()): string {
  return new Intl.DateTimeFormat(lang, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

function localDayNumber(t: number): number {
  const d = new Date(t);
  return Math.round(new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime() / 86_400_000);
}

/** "today", "tomorrow", "in 3 days", "2 days ago": calendar days in local time. */
export function relativeDay(at: number, now: number, lang = uiLanguage()): string {
  const days = localDayNumber(at) - localDayNumber(now);
  return new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }).format(days, 'day');
}

/**
 * When something happened, the way a person says it: "5 minutes ago", "2 hours ago" within
 * the last day, then calendar days ("yesterday", "3 days ago").
 */
export function relativeMoment(at: number, now: number, lang = uiLanguage()): string {
  const f = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const minutes = Math.round((at - now) / 60_000);
  if (Math.abs(minutes) < 60) return f.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 12) return f.format(hours, 'hour');
  return relativeDay(at, now, lang);
}

/** Whole calendar days from `at` to `now` (positive when `at` is earlier). */
export function daysBetween(at: number, now: number): number {
  return localDayNumber(now) - localDayNumber(at);
}

/** A handle as people write it: one @ in front, whatever the site stores (TikTok and YouTube keep theirs). */
export function handleLabel(identity: Pick<Identity, 'handle'> | undefined): string | undefined {
  const h = identity?.handle?.trim();
  if (!h) return undefined;
  return h.startsWith('@') ? h : `@${h}`;
}

export function percent(value: number | null | undefined, lang = uiLanguage()): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

export function formatNumber(n: number, lang = uiLanguage()): string {
  return new Intl.NumberFormat(lang).format(n);
}

/** A name to show, never empty. */
export function displayName(p: Pick<Person, 'name' | 'identities'>): string {
  const n = p.name.trim();
  if (n) return n;
  const id = p.identities[0];
  return id?.displayName.trim() || id?.handle || t('unnamedPerson');
}

/** Value for <input type="datetime-local"> in local time. */
export function toLocalInput(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Parses <input type="datetime-local"> (or a date-only value) as local time; NaN-safe. */
export function fromLocalInput(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value.trim());
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0));
  const time = d.getTime();
  return Number.isFinite(time) && time >= 0 ? time : undefined;
}

/** YYYY-MM-DD in local time, for file names and CSV dates. */
export function isoDay(at: number): string {
  return toLocalInput(at).slice(0, 10);
}
