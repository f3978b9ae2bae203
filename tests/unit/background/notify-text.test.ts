/**
 * Names in notification text come from pages and files. A right-to-left override in one must
 * not reverse the rest of the sentence ("Follow up with Ana, ‮evil" shown backwards), nor can a
 * name close the isolate around it early.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: { i18n: { getMessage: () => '' } } }));
import { namesLine } from '../../../src/background/notify-text';

const FSI = '\u2068';
const PDI = '\u2069';
const CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

describe('names in a notification', () => {
  it('each name is an isolated run, with no direction control of its own left inside', () => {
    const hostile = ['Ana\u202Egnp.exe', `Bob${PDI}\u202Eevil`, '\u2067Cy\u202B', 'سارا', 'Dee'];
    const line = namesLine(hostile, 7);
    expect(line).toBe(`${FSI}Anagnp.exe${PDI}, ${FSI}Bobevil${PDI}, ${FSI}Cy${PDI}, ${FSI}سارا${PDI}, ${FSI}Dee${PDI} and 2 more`);
    // Outside the isolates, nothing but the sentence; inside, no control that could escape.
    const inside = [...line.matchAll(new RegExp(`${FSI}([^${PDI}]*)${PDI}`, 'g'))].map((m) => m[1]!);
    expect(inside).toHaveLength(5);
    for (const name of inside) expect(name).not.toMatch(CONTROLS);
    expect(line.replace(new RegExp(`${FSI}[^${PDI}]*${PDI}`, 'g'), '')).toBe(', , , ,  and 2 more');
  });

  it('a plain list needs no "more"', () => {
    expect(namesLine(['Ana', 'Bob'], 2)).toBe(`${FSI}Ana${PDI}, ${FSI}Bob${PDI}`);
  });
});
