import type { Person, Touch } from './types';

/**
 * Where to pick the conversation up: the thread or post of the latest touch that has one (a DM
 * thread, a comment), else the post they came in by, else their profile. Touches newest last.
 */
export interface OpenLink {
  url: string;
  kind: 'conversation' | 'post' | 'profile';
}

export function openLinkOf(person: Pick<Person, 'identities' | 'sources'>, touches: readonly Pick<Touch, 'at' | 'kind' | 'contextUrl'>[]): OpenLink | undefined {
  let latest: Pick<Touch, 'at' | 'kind' | 'contextUrl'> | undefined;
  for (const t of touches) if (t.contextUrl && (latest === undefined || t.at >= latest.at)) latest = t;
  if (latest?.contextUrl) return { url: latest.contextUrl, kind: latest.kind === 'message' ? 'conversation' : 'post' };
  let source: Person['sources'][number] | undefined;
  for (const s of person.sources) if (s.contextUrl && (source === undefined || s.at >= source.at)) source = s;
  if (source?.contextUrl) return { url: source.contextUrl, kind: source.kind === 'message' ? 'conversation' : 'post' };
  const profile = person.identities[0]?.profileUrl;
  return profile ? { url: profile, kind: 'profile' } : undefined;
}
