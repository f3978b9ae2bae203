// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ADAPTERS, adapterForHost } from '../../../src/content/sites/index';
import { fixtureFiles, loadFixture, variantsMatched } from './helpers';

/** Which selector variant finds the people of each fixture: a variant nobody matches any more is stale. */
const MATCHED: Record<string, string[]> = {
  'facebook/feed-comments-no-article.html': ['comment-nested-articles', 'comment-top-level-article'],
  'facebook/group-comments-hostile.html': ['comment-nested-articles'],
  'facebook/group-feed.html': ['comment-nested-articles'],
  'facebook/group-post-comments-sk.html': ['comment-nested-articles', 'comment-top-level-article'],
  'facebook/messages-e2ee-thread.html': ['thread-main-grid'],
  'facebook/messages-thread.html': ['thread-main-grid'],
  'facebook/messenger-com-thread.html': ['thread-main-grid'],
  'facebook/post-comments.html': ['comment-nested-articles'],
  'facebook/reactions-dialog-mobile.html': ['reactions-dialog'],
  'facebook/reactions-dialog.html': ['reactions-dialog'],
  'facebook/reactions-page.html': ['reactions-page'],
  'facebook/touch-comments.html': ['comment-touch-sigil'],
  'instagram/direct-thread-hostile.html': ['direct-main-grid'],
  'instagram/direct-thread-pagelet.html': ['direct-conversation-grid'],
  'instagram/direct-thread.html': ['direct-main-grid'],
  'instagram/liked-by-page.html': ['likes-rows'],
  'instagram/likes-dialog.html': ['likes-rows'],
  'instagram/post-comments.html': ['comment-permalink-time'],
  'instagram/post-dialog-comments.html': ['comment-permalink-time'],
  'instagram/reel-comments-hostile.html': ['comment-permalink-time'],
  'instagram/reel-comments.html': ['comment-permalink-time'],
  'instagram/reel-likes-dialog.html': ['likes-rows'],
  'linkedin/messaging-thread-hostile.html': ['messaging-page'],
  'linkedin/messaging-overlay.html': ['messaging-overlay-bubble'],
  'linkedin/messaging-thread.html': ['messaging-page'],
  'linkedin/post-comments-hostile.html': ['comment-ember-article'],
  'linkedin/post-comments-sdui.html': ['comment-sdui-componentkey'],
  'linkedin/post-comments.html': ['comment-ember-article'],
  'linkedin/reactions-hostile.html': ['reactions-dialog'],
  'linkedin/reactions-sdui.html': ['reactions-modal-no-role'],
  'linkedin/reactions.html': ['reactions-dialog'],
  'x/chat-conversation-shadow.html': ['chat-conversation-panel'],
  'x/chat-conversation.html': ['chat-conversation-panel'],
  'x/dm-chat.html': ['dm-activity'],
  'x/dm-thread.html': ['dm-activity'],
  'x/likes.html': ['user-cell'],
  'x/quotes.html': ['quote-tweet'],
  'x/reposts.html': ['user-cell'],
  'x/status-photo-replies.html': ['reply-tweet'],
  'x/status-replies-hostile.html': ['reply-tweet'],
  'x/status-replies.html': ['reply-tweet'],
  'youtube/mobile-comments.html': ['mobile-comment-avatar-link'],
  'youtube/watch-comments-legacy.html': ['comment-view-model-or-renderer'],
  'youtube/watch-comments.html': ['comment-view-model-or-renderer'],
  'tiktok/photo-comments-link-on-username.html': ['comment-username-is-link'],
  'tiktok/video-comments-hostile.html': ['comment-username-e2e'],
  'tiktok/video-comments-link-around-username.html': ['comment-username-in-link'],
  'tiktok/video-comments.html': ['comment-username-e2e'],
};

const SITES = ['facebook', 'instagram', 'linkedin', 'x', 'youtube', 'tiktok'];

describe('selector variants, as dated data', () => {
  it.each(SITES.flatMap((s) => fixtureFiles(s).map((f) => `${s}/${f}`)))('%s is read by the variants listed for it', (path) => {
    const [site, file] = path.split('/') as [string, string];
    const { doc, page } = loadFixture(site, file);
    expect(variantsMatched(adapterForHost(page.hostname)!, doc, page)).toEqual(MATCHED[path]);
  });

  it('every variant has a unique id, a date it was seen (not in the future), and a fixture that it reads', () => {
    const used = new Set(Object.entries(MATCHED).flatMap(([path, ids]) => ids.map((id) => `${path.split('/')[0]}:${id}`)));
    for (const a of ADAPTERS.filter((x) => x.site !== 'demo')) {
      const ids = a.people.map((p) => p.id);
      expect(new Set(ids).size, a.site).toBe(ids.length);
      for (const p of a.people) {
        expect(p.seen, `${a.site}:${p.id}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(Date.parse(p.seen)).toBeLessThanOrEqual(Date.now());
        expect(used, `${a.site}:${p.id} has no fixture`).toContain(`${a.site}:${p.id}`);
      }
    }
  });
});
