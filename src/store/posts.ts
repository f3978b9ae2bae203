import type { HandRaisePost, Site } from '../domain/types';
import type { HandraiserDB } from './db';

/** Likes on a marked post capture as hand-raise leads. Marking twice keeps one entry. */
export async function markHandRaisePost(db: HandraiserDB, post: HandRaisePost): Promise<HandRaisePost> {
  await db.handRaisePosts.put(post);
  return post;
}

export async function unmarkHandRaisePost(db: HandraiserDB, postKey: string): Promise<boolean> {
  return db.transaction('rw', db.handRaisePosts, async () => {
    const had = (await db.handRaisePosts.get(postKey)) !== undefined;
    if (had) await db.handRaisePosts.delete(postKey);
    return had;
  });
}

export async function isHandRaisePost(db: HandraiserDB, postKey: string): Promise<boolean> {
  return (await db.handRaisePosts.get(postKey)) !== undefined;
}

/** Newest first. */
export async function listHandRaisePosts(db: HandraiserDB, site?: Site): Promise<HandRaisePost[]> {
  const list = site ? await db.handRaisePosts.where('site').equals(site).toArray() : await db.handRaisePosts.toArray();
  return list.sort((a, b) => b.markedAt - a.markedAt);
}
