import browser from 'webextension-polyfill';
import type { HandraiserDB } from '../store/db';
import { countDue } from '../store/due';
import { msg, msgCount } from './i18n';

/** The toolbar shows how many follow-ups are due today; nothing when none. */
export async function updateBadge(db: HandraiserDB, now: number): Promise<number> {
  const count = await countDue(db, now);
  await browser.action.setBadgeText({ text: count === 0 ? '' : count > 999 ? '999+' : String(count) });
  await browser.action.setBadgeBackgroundColor({ color: '#b45309' });
  await browser.action.setTitle({
    title: count === 0 ? msg('extName', 'Handraiser') : msgCount('badgeTitleDue', count, `Handraiser: ${count} follow-ups due today`),
  });
  return count;
}
