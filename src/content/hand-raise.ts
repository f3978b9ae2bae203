/**
 * The user's hand-raise posts on this site, as post keys: a like there is a lead, elsewhere a
 * "reach out" suggestion (docs/domain.md "How a person enters"). One way to fail: a failed read
 * keeps the set it had and says so once in the console; only the extension going away stops it.
 */
import { postKeyOf } from '../domain/identity';
import type { Site } from '../domain/types';
import { warnOnce } from './warn';
import { isInvalidated, type ContentSend } from './wire';

export class HandRaisePosts {
  private keys = new Set<string>();

  constructor(
    private readonly send: ContentSend,
    private readonly site: Site,
    /** The set changed: chips that say what one click stores may need new words. */
    private readonly changed: () => void,
  ) {}

  has(key: string | null): boolean {
    return key !== null && this.keys.has(key);
  }

  async load(): Promise<void> {
    try {
      const { posts } = await this.send('listHandRaisePosts', { site: this.site });
      this.keys = new Set(posts.map((p) => postKeyOf(p.url) ?? p.postKey));
      this.changed();
    } catch (e) {
      if (isInvalidated(e)) throw e;
      warnOnce('could not read hand-raise posts', e);
    }
  }

  /** Marks or unmarks the post; returns whether it is marked now. */
  async toggle(url: string, key: string): Promise<boolean> {
    const marked = this.keys.has(key);
    if (marked) await this.send('unmarkHandRaisePost', { url });
    else await this.send('markHandRaisePost', { url });
    if (marked) this.keys.delete(key);
    else this.keys.add(key);
    this.changed();
    return !marked;
  }
}
