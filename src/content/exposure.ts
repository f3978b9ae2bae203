/**
 * What the page may see of Handraiser. Store builds show it nothing fixed: an element name made
 * up for each page, closed shadow roots, no attribute on anything of ours, no marker on the page.
 * Test builds (the -dev builds that `npm start` and the end-to-end tests load) also write each
 * chip's profile key and state on its host and leave its root open, so tests can read what users
 * see; the attack tests run against the store builds.
 */
export interface Exposure {
  /** The chip host's element name. */
  readonly tag: string;
  readonly mode: ShadowRootMode;
  /** Attributes our own code writes on a host; any other attribute there was written by the page. */
  readonly hostAttributes: readonly string[];
  /** data-handraiser="ready" on the page's root element once the content script runs. */
  readonly marker: boolean;
  /** Writes what a chip shows where tests can read it; nothing in store builds. */
  mirror(host: HTMLElement, profileKey: string, state: string): void;
}

export const TEST_EXPOSURE: Exposure = {
  tag: 'handraiser-chip',
  mode: 'open',
  hostAttributes: ['data-profile-key', 'data-state'],
  marker: true,
  mirror(host, profileKey, state) {
    host.setAttribute('data-profile-key', profileKey);
    host.setAttribute('data-state', state);
  },
};

/** A custom-element-shaped name no page can know in advance: letters, a hyphen, letters. */
export function randomTag(bytes: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  const letters = Array.from(bytes(11), (b) => String.fromCharCode(97 + (b % 26)));
  return `${letters.slice(0, 5).join('')}-${letters.slice(5).join('')}`;
}

export function storeExposure(tag = randomTag()): Exposure {
  return { tag, mode: 'closed', hostAttributes: [], marker: false, mirror() {} };
}
