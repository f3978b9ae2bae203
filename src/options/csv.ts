/**
 * CSV in and out. Out: columns HubSpot's and Google Contacts' importers recognise by name.
 * In: a header row, columns mapped by the user, turned into a Backup for `importJson`
 * (the store merges duplicates by profile key and checks every row before writing).
 */
import Papa from 'papaparse';
import { isEmail, isPhone } from '../domain/contact';
import { profileOf } from '../domain/identity';
import { newPerson } from '../domain/person';
import { STAGES, type Identity, type Person, type Settings, type Site, type Stage, type SourceKind } from '../domain/types';
import type { Backup } from '../messages/contract';
import { withoutDirectionControls } from '../domain/text';
import { isoDay } from '../ui/format';

/** HubSpot's internal lifecycle stage values (the importer accepts them as-is). */
export const HUBSPOT_LIFECYCLE: Record<Stage, string> = {
  lead: 'lead',
  prospect: 'salesqualifiedlead',
  customer: 'customer',
  team_member: 'other',
  not_interested: 'other',
};

/** English on purpose: importers match column names and values in English. */
const SOURCE_WORDS: Record<SourceKind, string> = {
  comment: 'Comment',
  like: 'Like',
  hand_raise_like: 'Hand-raise post like',
  message: 'Direct message',
  email_list: 'Email list',
  web_form: 'Web form',
  event: 'Event or webinar',
  referral: 'Referral',
  outreach: 'Outreach',
  warm_market: 'Warm market',
  manual: 'Added by hand',
  import: 'Import',
};

/** Google Contacts reads up to this many "Website N" pairs; more profiles are rare. */
const MAX_WEBSITES = 3;

/** The sites with a column of their own, in and out: one profile address per site and person. */
export const SITE_COLUMNS: readonly { site: Exclude<Site, 'demo'>; column: string; target: Target }[] = [
  { site: 'facebook', column: 'Facebook URL', target: 'facebookUrl' },
  { site: 'instagram', column: 'Instagram URL', target: 'instagramUrl' },
  { site: 'linkedin', column: 'LinkedIn URL', target: 'linkedinUrl' },
  { site: 'x', column: 'X URL', target: 'xUrl' },
  { site: 'youtube', column: 'YouTube URL', target: 'youtubeUrl' },
  { site: 'tiktok', column: 'TikTok URL', target: 'tiktokUrl' },
];

export const EXPORT_COLUMNS = [
  'First Name',
  'Last Name',
  'Lifecycle Stage',
  'Lead Status',
  'Lead Source',
  'Website',
  ...Array.from({ length: MAX_WEBSITES }, (_, i) => [`Website ${i + 1} - Label`, `Website ${i + 1} - Value`]).flat(),
  'Notes',
  'Last Touch Date',
  'Handraiser Stage',
  // E-mail and phone under the names HubSpot's importer maps by itself, then Google Contacts'.
  'Email',
  'Phone Number',
  'E-mail 1 - Value',
  'Phone 1 - Value',
  'Facebook URL',
  'Instagram URL',
  'LinkedIn URL',
  'X URL',
  'YouTube URL',
  'TikTok URL',
] as const;

export function splitName(name: string): { first: string; last: string } {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return { first: '', last: '' };
  return { first: parts[0] ?? '', last: parts.slice(1).join(' ') };
}

/**
 * A cell a spreadsheet could run as a formula: it starts with = + - @ (spaces before them do not
 * hide them), their full-width and small forms (＝ ＋ － ＠ ﹦ ﹢ ﹣ ﹫, which East Asian input gives
 * and spreadsheets read as the same), or a tab, carriage return, line feed or NUL. Apostrophes
 * before any of these count too, so that escaping stays reversible (unescapeCell).
 */
const FORMULA_START = /^'*(?:[\t\r\n\0]|[ \u00A0\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B])/;

/** Such a cell gets a leading apostrophe, which spreadsheets read as "text, not a formula" (OWASP's advice). */
export function safeCell(v: string): string {
  return FORMULA_START.test(v) ? `'${v}` : v;
}

/** safeCell undone, so that re-importing our own CSV gives back what was exported. */
export function unescapeCell(v: string): string {
  return v.startsWith("'") && FORMULA_START.test(v.slice(1)) ? v.slice(1) : v;
}

/** A UTF-8 byte-order mark starts the file: without it, spreadsheet apps read accented names as another encoding. */
export const CSV_BOM = '\uFEFF';

export function personToCsvRow(p: Person): Record<string, string> {
  // A name's direction controls would reorder the cells around it in a spreadsheet; a name made
  // of nothing else is shown the way the capture names an unnamed person.
  const plain = (s: string | undefined) => withoutDirectionControls(s ?? '').trim();
  const { first, last } = splitName(plain(p.name) || plain(p.identities[0]?.displayName) || p.identities[0]?.handle || 'Unknown');
  const row: Record<string, string> = {
    'First Name': first,
    'Last Name': last,
    'Lifecycle Stage': HUBSPOT_LIFECYCLE[p.stage],
    'Lead Status': p.stage === 'not_interested' ? 'UNQUALIFIED' : '',
    'Lead Source': p.sources[0] ? SOURCE_WORDS[p.sources[0].kind] : '',
    Website: p.identities[0]?.profileUrl ?? '',
    Notes: p.notes,
    'Last Touch Date': p.lastTouchAt === undefined ? '' : isoDay(p.lastTouchAt),
    'Handraiser Stage': p.stage,
  };
  for (let i = 0; i < MAX_WEBSITES; i++) {
    const idn = p.identities[i];
    row[`Website ${i + 1} - Label`] = idn ? idn.site : '';
    row[`Website ${i + 1} - Value`] = idn ? idn.profileUrl : '';
  }
  row.Email = row['E-mail 1 - Value'] = p.email ?? '';
  row['Phone Number'] = row['Phone 1 - Value'] = p.phone ?? '';
  for (const { site, column } of SITE_COLUMNS) row[column] = p.identities.find((i) => i.site === site)?.profileUrl ?? '';
  for (const k of Object.keys(row)) row[k] = safeCell(row[k] ?? '');
  return row;
}

export function peopleToCsv(people: readonly Person[]): string {
  return CSV_BOM + Papa.unparse(
    { fields: [...EXPORT_COLUMNS], data: people.map((p) => EXPORT_COLUMNS.map((c) => personToCsvRow(p)[c] ?? '')) },
    { newline: '\r\n' },
  );
}

// ---------------------------------------------------------------- import

export const TARGETS = [
  'ignore',
  'name',
  'firstName',
  'lastName',
  'profileUrl',
  'facebookUrl',
  'instagramUrl',
  'linkedinUrl',
  'xUrl',
  'youtubeUrl',
  'tiktokUrl',
  'phone',
  'email',
  'stage',
  'notes',
] as const;
export type Target = (typeof TARGETS)[number];
/** Targets a file may map several columns to (each adds profiles). */
const MANY: ReadonlySet<Target> = new Set(['profileUrl', 'facebookUrl', 'instagramUrl', 'linkedinUrl', 'xUrl', 'youtubeUrl', 'tiktokUrl']);

export interface ParsedCsv {
  headers: string[];
  /** Non-blank records; `row` is the spreadsheet row (the header is row 1). */
  rows: Record<string, string>[];
  rowNumbers: number[];
}

export function parseCsv(text: string): ParsedCsv {
  const res = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    transformHeader: (h) => h.trim(),
    transform: unescapeCell,
  });
  const headers = (res.meta.fields ?? []).filter((h) => h !== '');
  const rows: Record<string, string>[] = [];
  const rowNumbers: number[] = [];
  // Blank records are skipped here rather than by papaparse, so row numbers stay those of the sheet.
  res.data.forEach((r, i) => {
    if (headers.every((h) => (r[h] ?? '').trim() === '')) return;
    rows.push(r);
    rowNumbers.push(i + 2);
  });
  return { headers, rows, rowNumbers };
}

const GUESS: [RegExp, Target][] = [
  [/^handraiser stage$/, 'stage'],
  [/^(name|full name|display name|nombre|nombre completo|contact name)$/, 'name'],
  [/^(first name|given name|firstname|first|nombre de pila)$/, 'firstName'],
  [/^(last name|family name|lastname|surname|last|apellido|apellidos)$/, 'lastName'],
  [/^(profile|profile url|profile link|url|link|website|website url|website 1 - value|perfil|enlace)$/, 'profileUrl'],
  [/^(stage|lifecycle stage|status|etapa|estado)$/, 'stage'],
  [/^(notes?|notas?|comments?)$/, 'notes'],
  [/^(e-?mail|e-?mail address|email 1 - value|e-mail 1 - value|correo|correo electr[oó]nico|mail)$/, 'email'],
  [/^(phone|phone number|mobile|mobile phone|cell|cell phone|whats ?app|phone 1 - value|tel[eé]fono|m[oó]vil|celular)$/, 'phone'],
  [/^(facebook|fb|messenger)( url| profile| link| perfil)?$/, 'facebookUrl'],
  [/^(instagram|ig|insta)( url| profile| link| handle| user| username| perfil| usuario)?$/, 'instagramUrl'],
  [/^linked ?in( url| profile| link| perfil)?$/, 'linkedinUrl'],
  [/^(x|twitter|x \(twitter\))( url| profile| link| handle| perfil| usuario)?$/, 'xUrl'],
  [/^(youtube|yt)( url| channel| link| handle| canal)?$/, 'youtubeUrl'],
  [/^tik ?tok( url| profile| link| handle| perfil| usuario)?$/, 'tiktokUrl'],
];

/** A first guess at the mapping from the header names; each target is used once (URL: many). */
export function guessMapping(headers: readonly string[]): Record<string, Target> {
  const used = new Set<Target>();
  const out: Record<string, Target> = {};
  const hasOwnStage = headers.some((h) => h.trim().toLowerCase() === 'handraiser stage');
  for (const h of headers) {
    const key = h.trim().toLowerCase();
    let target: Target = 'ignore';
    for (const [re, tgt] of GUESS) {
      if (!re.test(key)) continue;
      if (tgt === 'stage' && hasOwnStage && key !== 'handraiser stage') continue;
      if (used.has(tgt) && !MANY.has(tgt)) continue;
      target = tgt;
      break;
    }
    if (target !== 'ignore') used.add(target);
    out[h] = target;
  }
  return out;
}

const STAGE_WORDS: Record<string, Stage> = {
  lead: 'lead',
  subscriber: 'lead',
  marketingqualifiedlead: 'lead',
  'contacto potencial': 'lead',
  prospect: 'prospect',
  prospecto: 'prospect',
  salesqualifiedlead: 'prospect',
  opportunity: 'prospect',
  customer: 'customer',
  cliente: 'customer',
  team_member: 'team_member',
  'team member': 'team_member',
  'miembro del equipo': 'team_member',
  evangelist: 'team_member',
  other: 'team_member',
  not_interested: 'not_interested',
  'not interested': 'not_interested',
  'no interesado': 'not_interested',
  'no le interesa': 'not_interested',
  unqualified: 'not_interested',
};

/** Our stage keys, English and Spanish words, HubSpot lifecycle values; '' means lead. */
export function parseStage(raw: string, extraWords: Record<string, Stage> = {}): Stage | null {
  const k = raw.trim().toLowerCase();
  if (k === '') return 'lead';
  if ((STAGES as readonly string[]).includes(k)) return k as Stage;
  return STAGE_WORDS[k] ?? extraWords[k] ?? null;
}

export interface RowProblem {
  /** Spreadsheet row, the header being row 1. */
  line: number;
  message: string;
}

export interface CsvWords {
  noName: (line: number) => string;
  notProfile: (line: number, url: string) => string;
  /** A value in a site's own column that is not a profile on that site. */
  notSiteProfile: (line: number, value: string, site: Site) => string;
  badStage: (line: number, value: string) => string;
  badPhone: (line: number, value: string) => string;
  badEmail: (line: number, value: string) => string;
  tooMany: (max: number) => string;
}

/** A profile as a site's own column holds it: its address, or only the handle ("@ana.souza", "ana.souza"). */
export function siteProfileUrl(site: Exclude<Site, 'demo'>, value: string): string {
  const v = value.trim();
  if (/^https?:\/\//i.test(v) || /^(www\.|m\.)?[a-z.]*(facebook|instagram|linkedin|x|twitter|youtube|tiktok)\.com\//i.test(v)) {
    return /^https?:\/\//i.test(v) ? v : `https://${v}`;
  }
  const bare = v.replace(/^@+/, '');
  switch (site) {
    case 'facebook':
      return `https://www.facebook.com/${bare}`;
    case 'instagram':
      return `https://www.instagram.com/${bare}/`;
    case 'linkedin':
      return `https://www.linkedin.com/in/${bare}/`;
    case 'x':
      return `https://x.com/${bare}`;
    case 'youtube':
      return `https://www.youtube.com/@${bare}`;
    case 'tiktok':
      return `https://www.tiktok.com/@${bare}`;
  }
}

export const MAX_IMPORT_ROWS = 100_000;

/** A backup without settings: importing a contact list must not touch the user's settings. */
export type CsvImport = Omit<Backup, 'settings'>;

export function csvToBackup(
  rows: readonly Record<string, string>[],
  mapping: Record<string, Target>,
  opts: {
    settings: Settings;
    now: number;
    newId: () => string;
    words: CsvWords;
    stageWords?: Record<string, Stage>;
    /** Spreadsheet row of each record (parseCsv's rowNumbers); default: index + 2. */
    rowNumbers?: readonly number[];
  },
): { backup: CsvImport; problems: [] } | { backup: null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  if (rows.length > MAX_IMPORT_ROWS) return { backup: null, problems: [{ line: 1, message: opts.words.tooMany(MAX_IMPORT_ROWS) }] };
  const cols = (target: Target) => Object.keys(mapping).filter((h) => mapping[h] === target);
  const first = (row: Record<string, string>, target: Target) =>
    cols(target)
      .map((h) => (row[h] ?? '').trim())
      .find((v) => v !== '') ?? '';
  const people: Person[] = [];
  rows.forEach((row, i) => {
    const line = opts.rowNumbers?.[i] ?? i + 2;
    const identities: Identity[] = [];
    let bad = false;
    const addProfile = (ref: NonNullable<ReturnType<typeof profileOf>>) => {
      if (identities.some((x) => x.profileKey === ref.profileKey)) return;
      identities.push({
        site: ref.site,
        profileKey: ref.profileKey,
        profileUrl: ref.canonicalUrl,
        displayName: '',
        ...(ref.handle ? { handle: ref.handle.slice(0, 100) } : {}),
      });
    };
    for (const h of cols('profileUrl')) {
      for (const url of (row[h] ?? '').split(/\s+/).filter(Boolean)) {
        const ref = profileOf(url);
        if (!ref) {
          problems.push({ line, message: opts.words.notProfile(line, url.slice(0, 200)) });
          bad = true;
          continue;
        }
        addProfile(ref);
      }
    }
    for (const { site, target } of SITE_COLUMNS) {
      for (const h of cols(target)) {
        for (const value of (row[h] ?? '').split(/\s+/).filter(Boolean)) {
          const ref = profileOf(siteProfileUrl(site, value));
          if (!ref || ref.site !== site) {
            problems.push({ line, message: opts.words.notSiteProfile(line, value.slice(0, 200), site) });
            bad = true;
            continue;
          }
          addProfile(ref);
        }
      }
    }
    // The export's formula guard writes "+34 …" as "'+34 …" (safeCell); a phone reads back without it.
    const phone = first(row, 'phone').replace(/^'(?=\+)/, '');
    if (phone && !isPhone(phone)) {
      problems.push({ line, message: opts.words.badPhone(line, phone.slice(0, 100)) });
      bad = true;
    }
    const email = first(row, 'email');
    if (email && !isEmail(email)) {
      problems.push({ line, message: opts.words.badEmail(line, email.slice(0, 100)) });
      bad = true;
    }
    const full = first(row, 'name');
    const name = (full || [first(row, 'firstName'), first(row, 'lastName')].filter(Boolean).join(' ')).slice(0, 200);
    const shown = name || identities[0]?.handle || '';
    if (!shown && !bad) {
      problems.push({ line, message: opts.words.noName(line) });
      return;
    }
    const stageRaw = first(row, 'stage');
    const stage = parseStage(stageRaw, opts.stageWords);
    if (stage === null) {
      problems.push({ line, message: opts.words.badStage(line, stageRaw.slice(0, 100)) });
      return;
    }
    if (bad) return;
    for (const idn of identities) idn.displayName = shown;
    const p = newPerson(
      {
        id: opts.newId(),
        name: shown,
        ...(identities[0] ? { identity: identities[0] } : {}),
        source: { kind: 'import', at: opts.now, ...(identities[0] ? { site: identities[0].site } : {}) },
        now: opts.now,
        stage,
      },
      opts.settings,
    );
    p.identities = identities;
    p.notes = first(row, 'notes').slice(0, 10_000);
    if (phone) p.phone = phone;
    if (email) p.email = email;
    people.push(p);
  });
  if (problems.length > 0) return { backup: null, problems };
  return {
    backup: {
      format: 'handraiser-backup',
      version: 1,
      exportedAt: opts.now,
      people,
      touches: [],
      appointments: [],
      handRaisePosts: [],
    },
    problems: [],
  };
}

export function backupFileName(now: number): string {
  return `handraiser-backup-${isoDay(now)}.json`;
}

export function csvFileName(now: number): string {
  return `handraiser-contacts-${isoDay(now)}.csv`;
}
