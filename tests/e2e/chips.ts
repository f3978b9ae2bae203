/**
 * Small helpers for driving Handraiser's chips on a page like a user, and for reading what
 * the store then holds through the message contract from an extension page.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { sendFrom } from './harness';

/** The capture button an unknown person's chip shows: its accessible name names the person. */
export function captureButton(page: Page, name: string, opts: { includeHidden?: boolean } = {}): Locator {
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // "+ Lead", or "+ Reach out" for a like on an ordinary post (one click stores a suggestion).
  const label = new RegExp(`^(Capture ${n} as lead|Save ${n} as someone to reach out to)$`);
  return page.locator('handraiser-chip').getByRole('button', { name: label, includeHidden: opts.includeHidden ?? false });
}

/** Every chip of one person on the page (a person may be shown more than once). */
export function chipHost(page: Page, profileKey: string): Locator {
  return page.locator(`handraiser-chip[data-profile-key="${profileKey}"]`);
}

export async function waitForState(page: Page, profileKey: string, state: string, timeout = 10_000): Promise<void> {
  await expect.poll(() => chipHost(page, profileKey).first().getAttribute('data-state'), { timeout }).toBe(state);
}

/** Opens a known person's chip menu and clicks one action in it. */
export async function chooseFromMenu(page: Page, profileKey: string, action: string): Promise<void> {
  const host = chipHost(page, profileKey).first();
  await host.locator('button.chip').click();
  const item = host.locator(`[role="menuitem"][data-action="${action}"]`);
  await item.waitFor({ timeout: 5_000 });
  await item.click();
}

export async function menuActions(page: Page, profileKey: string): Promise<string[]> {
  const host = chipHost(page, profileKey).first();
  await host.locator('button.chip').click();
  await host.locator('[role="menu"]').waitFor({ timeout: 5_000 });
  const actions = await host.locator('[role="menuitem"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action') ?? ''));
  await page.keyboard.press('Escape');
  return actions;
}

export interface StoredPerson {
  id: string;
  name: string;
  stage: string;
  reachOut: boolean;
  identities: { site: string; profileKey: string; profileUrl: string; displayName: string }[];
  sources: { kind: string; site?: string; contextUrl?: string }[];
}
export interface StoredTouch {
  kind: string;
  direction: string;
  channel: string;
  contextUrl?: string;
  text?: string;
}
interface PipelineRes {
  total: number;
  rows: { person: StoredPerson }[];
}

export async function pipelineTotal(popup: Page): Promise<number> {
  return (await sendFrom<PipelineRes>(popup, 'pipeline', { limit: 200 })).total;
}

/** The stored person holding this profile key, or undefined. */
export async function personByKey(popup: Page, profileKey: string): Promise<StoredPerson | undefined> {
  const page = await sendFrom<PipelineRes>(popup, 'pipeline', { limit: 200 });
  return page.rows.map((r) => r.person).find((p) => p.identities.some((i) => i.profileKey === profileKey));
}

export async function personDetail(popup: Page, personId: string): Promise<{ person: StoredPerson; touches: StoredTouch[] }> {
  return sendFrom(popup, 'person', { personId });
}
