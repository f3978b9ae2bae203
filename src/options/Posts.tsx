import { useEffect, useState } from 'preact/hooks';
import type { HandRaisePost, SiteHealthWarning } from '../domain/types';
import type { Notifier } from '../ui/components';
import { errorText, useApi } from '../ui/api';
import { formatDate, safeHref, siteLabel } from '../ui/format';
import { t, type MessageKey } from '../ui/i18n';

export function HandRaisePosts({ notifier, version }: { notifier: Notifier; version: number }) {
  const { send } = useApi();
  const [posts, setPosts] = useState<HandRaisePost[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    send('listHandRaisePosts', {})
      .then((r) => setPosts([...r.posts].sort((a, b) => b.markedAt - a.markedAt)))
      .catch((e: unknown) => setError(errorText(e, t('loadFailed'))));
  useEffect(() => void load(), [version]);

  const remove = async (post: HandRaisePost) => {
    try {
      await send('unmarkHandRaisePost', { url: post.url });
      notifier.notify(t('postRemoved'), async () => {
        await send('markHandRaisePost', { url: post.url, ...(post.title ? { title: post.title } : {}) });
        await load();
      });
      await load();
    } catch (e) {
      notifier.error(errorText(e, t('actionFailed')));
    }
  };

  return (
    <section id="posts" aria-labelledby="posts-title" class="card">
      <h2 id="posts-title">{t('postsTitle')}</h2>
      <p class="muted">{t('postsIntro')}</p>
      {error ? <p class="error" role="alert">{error}</p> : null}
      {posts && posts.length === 0 ? <p class="small muted">{t('postsEmpty')}</p> : null}
      <ul class="plain stack">
        {(posts ?? []).map((post) => {
          const href = safeHref(post.url);
          const label = post.title?.trim() || post.url;
          return (
            <li key={post.postKey} class="row between post">
              <span class="grow">
                {href ? (
                  <a href={href} target="_blank" rel="noopener noreferrer">
                    {label}
                  </a>
                ) : (
                  label
                )}
                <span class="small muted">
                  {' '}
                  · {siteLabel(post.site)} · {t('markedOn', formatDate(post.markedAt))}
                </span>
              </span>
              <button type="button" class="btn small" aria-label={t('removePostNamed', label)} onClick={() => void remove(post)}>
                {t('remove')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The page types the site adapters report (content/sites), in the reader's language; any other as sent. */
const PAGE_TYPE_KEYS: Record<string, MessageKey> = {
  'post comments': 'pagePostComments',
  'video comments': 'pageVideoComments',
  replies: 'pageReplies',
  'reactions dialog': 'pageReactions',
  'reactions list': 'pageReactions',
  'likes list': 'pageLikes',
  'likes or reposts list': 'pageLikes',
  'messenger thread': 'pageMessages',
  'direct thread': 'pageMessages',
  'messaging thread': 'pageMessages',
  'message thread': 'pageMessages',
  'dm conversation': 'pageMessages',
};

export function pageTypeLabel(pageType: string): string {
  const key = PAGE_TYPE_KEYS[pageType];
  return key ? t(key) : pageType;
}

/** The latest warning per site and page type: "the site may have changed". */
export function latestWarnings(warnings: readonly SiteHealthWarning[]): SiteHealthWarning[] {
  const byKey = new Map<string, SiteHealthWarning>();
  for (const w of warnings) {
    const k = `${w.site}|${w.pageType}`;
    const old = byKey.get(k);
    if (!old || old.at < w.at) byKey.set(k, w);
  }
  return [...byKey.values()].sort((a, b) => b.at - a.at);
}

export function SiteHealth({ version }: { version: number }) {
  const { send } = useApi();
  const [warnings, setWarnings] = useState<SiteHealthWarning[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    send('listSiteHealth', {})
      .then((r) => setWarnings(latestWarnings(r.warnings)))
      .catch((e: unknown) => setError(errorText(e, t('loadFailed'))));
  }, [version]);
  return (
    <section id="health" aria-labelledby="health-title" class="card">
      <h2 id="health-title">{t('healthTitle')}</h2>
      {error ? <p class="error" role="alert">{error}</p> : null}
      {warnings && warnings.length === 0 ? <p class="success">{t('healthAllGood')}</p> : null}
      <ul class="plain stack">
        {(warnings ?? []).map((w) => {
          const href = safeHref(w.url);
          return (
            <li key={`${w.site}|${w.pageType}`} class="notice">
              <p>{t('healthWarning', siteLabel(w.site), pageTypeLabel(w.pageType), formatDate(w.at))}</p>
              {href ? (
                <a class="small" href={href} target="_blank" rel="noopener noreferrer">
                  {t('healthOpenPage')}
                </a>
              ) : null}
            </li>
          );
        })}
      </ul>
      <p class="small muted">{t('healthHelp')}</p>
    </section>
  );
}
