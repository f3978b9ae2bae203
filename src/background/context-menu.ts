/**
 * "Capture as lead" on any link to a person's profile on a supported site. It needs no
 * site adapter, so it keeps working when a site's markup changes under us.
 */
import browser from 'webextension-polyfill';
import { profileOf } from '../domain/identity';
import { SITE_NAMES } from '../domain/constants';
import type { Site } from '../domain/types';
import type { Reply } from '../messages/contract';
import type { Sender } from '../messages/router';
import { msg } from './i18n';
import { contentMatches } from './tabs';

export const CAPTURE_LINK_MENU = 'handraiser:capture-link';

export async function createContextMenu(): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({
    id: CAPTURE_LINK_MENU,
    title: msg('menuCaptureLink', 'Capture as lead'),
    contexts: ['link'],
    targetUrlPatterns: contentMatches(),
  });
}

/** Chrome gives no link text and numeric profiles have no handle: a name a person can rename later. */
function profileName(site: Site): string {
  return msg('contextMenuUnnamed', `${SITE_NAMES[site]} profile`, SITE_NAMES[site]);
}

type Route = (raw: unknown, sender: Sender) => Promise<Reply>;

export async function onContextMenuClicked(
  info: browser.Menus.OnClickData,
  route: Route,
  notifyError: (message: string) => Promise<void>,
): Promise<void> {
  if (info.menuItemId !== CAPTURE_LINK_MENU || !info.linkUrl) return;
  const profile = profileOf(info.linkUrl);
  if (!profile) {
    await notifyError(msg('errorNotAProfile', "That link isn't a person's profile, so nobody was captured."));
    return;
  }
  const linkText = (info as { linkText?: string }).linkText?.trim();
  const reply = await route(
    {
      type: 'capture',
      payload: {
        person: { profileUrl: info.linkUrl, name: linkText || profile.handle || profileName(profile.site), pageUrl: info.linkUrl },
        surface: 'link',
        as: 'lead',
        ...(info.pageUrl && /^https?:/.test(info.pageUrl) ? { contextUrl: info.pageUrl } : {}),
      },
    },
    // The background itself asks, from its own address: the router treats it as Handraiser's own page.
    { id: browser.runtime.id, url: browser.runtime.getURL('') },
  );
  if (!reply.ok) await notifyError(reply.error.message);
}
