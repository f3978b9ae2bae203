import { useEffect, useState } from 'preact/hooks';
import type { HandRaisePost, SiteHealthWarning } from '../domain/types';
import type { Notifier } from '../ui/components';
import { errorText, useApi } from '../ui/api';
import { formatDate, safeHref, siteLabel } from '../ui/format';
import { healthRows, troubled, type HealthRow } from '../ui/health';
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

function PageLink({ report }: { report: SiteHealthWarning }) {
  const href = safeHref(report.url);
  return href ? (
    <a class="small" href={href} target="_blank" rel="noopener noreferrer">
      {t('healthOpenPage')}
    </a>
  ) : null;
}

export function SiteHealth({ version }: { version: number }) {
  const { send } = useApi();
  const [rows, setRows] = useState<HealthRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    send('listSiteHealth', {})
      .then((r) => setRows(healthRows(r.warnings)))
      .catch((e: unknown) => setError(errorText(e, t('loadFailed'))));
  }, [version]);
  return (
    <section id="health" aria-labelledby="health-title" class="card">
      <h2 id="health-title">{t('healthTitle')}</h2>
      {error ? <p class="error" role="alert">{error}</p> : null}
      {rows && !rows.some(troubled) ? <p class="success">{t('healthAllGood')}</p> : null}
      <ul class="plain stack">
        {(rows ?? []).map((row) => {
          const site = siteLabel(row.site);
          return (
            <li key={`${row.site}|${row.pageType}`} class={troubled(row) ? 'notice' : undefined} data-site={row.site}>
              <p>
                <strong>
                  {site} · {pageTypeLabel(row.pageType)}
                </strong>
              </p>
              {row.selectors ? <p class="small">{t('healthFound', formatDate(row.selectors.at))}</p> : null}
              {row.fallback && troubled(row) ? (
                <p class="small">
                  {t('healthFallback', site, formatDate(row.fallback.at))} <PageLink report={row.fallback} />
                </p>
              ) : null}
              {row.nobody && (row.nobody.at > (row.selectors?.at ?? 0)) ? (
                <p class="small">
                  {t('healthWarning', site, pageTypeLabel(row.pageType), formatDate(row.nobody.at))} <PageLink report={row.nobody} />
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
      <p class="small muted">{t('healthHelp')}</p>
    </section>
  );
}
