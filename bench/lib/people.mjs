import { readFileSync } from 'node:fs';

// Generated people for the store benchmarks: valid domain Persons (src/domain/types.ts), deterministic.
// 20% are due (follow-up today or earlier), 70% are scheduled over the next 30 days, 10% are
// "not interested" (no follow-up).
//
// generatePeople is self-contained (no outer references) so its source can also run inside a page:
// page.evaluate(`(${generatePeople})(0, 100000, now, true)`) builds 100k rows there instead of
// shipping ~80 MB through the DevTools protocol.

/**
 * People [from, to). With asRows, each is the stored row of src/store/rows.ts toRow (the Person plus
 * profileKeys, nameLower, searchTerms), computed here the same way.
 * @param {number} from
 * @param {number} to
 * @param {number} now
 * @param {boolean} asRows
 * @returns {Record<string, unknown>[]}
 */
export function generatePeople(from, to, now, asRows) {
  const DAY = 86_400_000;
  const FIRST = ['Ana', 'José', 'Priya', 'Tom', 'Mei', 'Lucas', 'Zoë', 'Sam', 'Ingrid', 'Kwame'];
  const LAST = ['Souza', 'García', 'Natarajan', "O'Reilly", 'Chen', 'Pereira', 'Müller', 'Okafor', 'Berg', 'Mensah'];
  // src/domain/text.ts foldForSearch, for these names (Latin letters and their accents only).
  const norm = (s) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().normalize('NFC').replace(/\s+/g, ' ').trim();
  const out = [];
  for (let i = from; i < to; i++) {
    // mulberry32 seeded by i: the same person every run.
    let a = (i + 1) >>> 0;
    const r = () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const name = `${FIRST[i % 10]} ${LAST[Math.floor(i / 10) % 10]} ${i}`;
    const slug = `reader-${i}`;
    const createdAt = now - Math.floor(r() * 200 * DAY) - DAY;
    const bucket = i % 10; // 0-1 due, 2-8 later, 9 not interested
    const stage = bucket === 9 ? 'not_interested' : i % 7 === 0 ? 'prospect' : i % 23 === 0 ? 'customer' : 'lead';
    const lastTouchAt = createdAt + Math.floor(r() * (now - createdAt));
    const p = {
      id: `bench-${i}`,
      name,
      stage,
      market: 'market',
      reachOut: false,
      onDrip: false,
      identities: [{ site: 'demo', profileKey: `demo:${slug}`, profileUrl: `http://127.0.0.1/demo/profile/${slug}`, displayName: name, handle: slug }],
      sources: [{ kind: 'comment', at: createdAt, site: 'demo', contextUrl: 'http://127.0.0.1/demo/posts/101' }],
      qualification: { need: null, desire: null, decisionMaker: null, initiative: null },
      exposures: stage === 'prospect' ? 1 : 0,
      notes: '',
      stageHistory: stage === 'lead' ? [{ stage: 'lead', at: createdAt }] : [{ stage: 'lead', at: createdAt }, { stage, at: lastTouchAt }],
      createdAt,
      updatedAt: lastTouchAt,
      lastTouchAt,
      followUpsSinceInbound: Math.floor(r() * 2),
      outboundStreak: Math.floor(r() * 2),
      cadenceFrom: createdAt,
    };
    if (bucket <= 1) p.nextFollowUpAt = now - Math.floor(r() * 3 * DAY) - 60_000;
    else if (bucket <= 8) p.nextFollowUpAt = now + DAY + Math.floor(r() * 30 * DAY);
    if (asRows) {
      // src/store/rows.ts toRow / searchTermsOf, for this shape (one identity with a handle).
      const terms = new Set();
      for (const w of norm(name).split(' ')) if (w) terms.add(w.slice(0, 100)); // the name, then the identity's displayName (the same here)
      const h = norm(slug);
      terms.add(h);
      terms.add(h.replace(/^@+/, ''));
      terms.delete('');
      p.profileKeys = [`demo:${slug}`];
      p.nameLower = norm(name);
      p.searchTerms = [...terms].slice(0, 100);
      // groupOf: not interested wins, then a suggestion, then drip, else the stage (harmless where the schema has no group index).
      p.group = stage === 'not_interested' ? 'not_interested' : p.reachOut ? 'reach_out' : p.onDrip ? 'drip' : stage;
      // domain/focus queueKey: nobody here has a reply waiting, a next step or four yes answers.
      if (stage !== 'not_interested' && p.nextFollowUpAt !== undefined) p.queue = [stage === 'lead' ? 3 : 1, p.nextFollowUpAt];
    }
    out.push(p);
  }
  return out;
}

/** The profile key of generated person i (what the demo adapter reads for /demo/profile/reader-i). */
export const keyOf = (i) => `demo:reader-${i}`;

/**
 * A backup file (src/messages/contract.ts Backup) holding these people and nothing else.
 * Self-contained like generatePeople, so a page can build the file itself:
 * page.evaluate(`(${backupWith})((${generatePeople})(from, to, now, false), now)`).
 */
export function backupWith(people, now) {
  return { format: 'handraiser-backup', version: 1, exportedAt: now, people, touches: [], appointments: [], handRaisePosts: [] };
}

/** The people table's indexes in Dexie syntax, read from src/store/versions.ts so the copies never drift. */
export function peopleSchema() {
  const src = readFileSync(new URL('../../src/store/versions.ts', import.meta.url), 'utf8');
  // The newest version that declares the people table is the last one in the file.
  const code = src.split('\n').filter((l) => !l.trim().startsWith('//')).join('\n');
  const m = [...code.matchAll(/people:\s*'([^']+)'/g)].at(-1);
  if (!m) throw new Error('bench: could not find the people schema in src/store/versions.ts');
  return m[1];
}
