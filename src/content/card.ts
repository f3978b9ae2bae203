/**
 * What the hover/focus card says about a known person: last touch, next step, next follow-up and
 * qualification, as plain lines (the chip puts them in with textContent). Times are relative
 * ("3 days ago", "tomorrow") by calendar day, in the language of the extension's messages.
 */
import { t } from './i18n';
import type { Badge } from './wire';

const DAY = 864e5;

/** Days since the epoch of the local calendar date of `ms`. */
const dayOf = (ms: number): number => {
  const d = new Date(ms);
  return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY);
};

/** "now", "5 minutes ago", "in 3 hours" the same day; "yesterday", "in 5 days", "3 weeks ago", "2 months ago" beyond. */
export function relativeTime(at: number, now: number, lang = t('locale')): string {
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const days = dayOf(at) - dayOf(now);
  const abs = Math.abs(days);
  if (days === 0) {
    const min = Math.round((at - now) / 6e4);
    return Math.abs(min) < 1 ? rtf.format(0, 'second') : Math.abs(min) < 60 ? rtf.format(min, 'minute') : rtf.format(Math.round(min / 60), 'hour');
  }
  if (abs < 14) return rtf.format(days, 'day');
  if (abs < 60) return rtf.format(Math.round(days / 7), 'week');
  if (abs < 730) return rtf.format(Math.round(days / 30.44), 'month');
  return rtf.format(Math.round(days / 365.25), 'year');
}

/** "today", "tomorrow", "in 5 days", or "overdue by 2 days" once the day has passed. */
export function followUpTime(at: number, now: number, lang = t('locale')): string {
  const days = dayOf(at) - dayOf(now);
  if (days > 0) return relativeTime(at, now, lang);
  if (days === 0) return new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }).format(0, 'day');
  return t('overdueBy', new Intl.NumberFormat(lang, { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(-days));
}

export function cardLines(b: Badge, now: number): string[] {
  const lines: string[] = [];
  if (b.lastTouchAt !== undefined) lines.push(t('lastTouch', relativeTime(b.lastTouchAt, now)));
  const step = b.nextStep;
  if (step) lines.push(t('nextStep', step.at === undefined ? step.text : `${step.text} (${relativeTime(step.at, now)})`));
  // Nobody is reminded about a person who said no or is on drip.
  if (b.nextFollowUpAt !== undefined && b.stage !== 'not_interested' && !b.onDrip) {
    lines.push(t('nextFollowUp', followUpTime(b.nextFollowUpAt, now)));
  }
  lines.push(t('qualified', String(b.qualification.yes)));
  return lines;
}
