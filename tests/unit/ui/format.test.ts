import { describe, expect, it } from 'vitest';
import { SITES, SOURCE_KINDS, STAGES, TOUCH_KINDS, CHANNELS } from '../../../src/domain/types';
import { SIGNAL_NAMES } from '../../../src/messages/contract';
import {
  channelLabel,
  displayName,
  fromLocalInput,
  handleLabel,
  isoDay,
  relativeMoment,
  percent,
  relativeDay,
  safeHref,
  signalLabel,
  siteLabel,
  sourceLabel,
  stageLabel,
  toLocalInput,
  touchKindLabel,
} from '../../../src/ui/format';

describe('labels', () => {
  it('uses the words of docs/domain.md for stages and signals', () => {
    expect(STAGES.map(stageLabel)).toEqual(['Lead', 'Prospect', 'Customer', 'Team member', 'Not interested']);
    expect(signalLabel('readyToDecide')).toBe('Ready to decide');
    expect(signalLabel('chasing')).toBe('Chasing');
    expect(signalLabel('noNextStep')).toBe('No next step');
    expect(signalLabel('onDrip')).toBe('On drip');
    expect(signalLabel('followUpDue')).toBe('Follow-up due');
  });

  it('has a distinct label for every value of every enum', () => {
    const groups: [readonly string[], (v: never) => string][] = [
      [STAGES, stageLabel],
      [SITES, siteLabel],
      [SOURCE_KINDS, sourceLabel],
      [TOUCH_KINDS, touchKindLabel],
      [SIGNAL_NAMES.filter((s) => s !== 'notInterested'), signalLabel],
      [CHANNELS, channelLabel],
    ];
    for (const [values, label] of groups) {
      const labels = values.map((v) => label(v as never));
      expect(labels.every((l) => l.length > 0)).toBe(true);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });
});

describe('safeHref', () => {
  it('keeps web addresses only', () => {
    expect(safeHref('https://www.facebook.com/ana')).toBe('https://www.facebook.com/ana');
    expect(safeHref('http://127.0.0.1:8337/demo/profile/ana-souza')).toBe('http://127.0.0.1:8337/demo/profile/ana-souza');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('JaVaScRiPt:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,<script>')).toBeUndefined();
    expect(safeHref('not a url')).toBeUndefined();
    expect(safeHref(undefined)).toBeUndefined();
  });
});

describe('dates', () => {
  it('round-trips datetime-local values in local time', () => {
    const at = new Date(2026, 2, 9, 14, 30).getTime();
    expect(toLocalInput(at)).toBe('2026-03-09T14:30');
    expect(fromLocalInput('2026-03-09T14:30')).toBe(at);
    expect(fromLocalInput('2026-03-09')).toBe(new Date(2026, 2, 9).getTime());
    expect(fromLocalInput('')).toBeUndefined();
    expect(fromLocalInput('tomorrow')).toBeUndefined();
    expect(isoDay(at)).toBe('2026-03-09');
  });

  it('says today, tomorrow, days ago in calendar days', () => {
    const now = new Date(2026, 2, 9, 23, 0).getTime();
    expect(relativeDay(new Date(2026, 2, 9, 1, 0).getTime(), now, 'en')).toBe('today');
    expect(relativeDay(new Date(2026, 2, 10, 0, 30).getTime(), now, 'en')).toBe('tomorrow');
    expect(relativeDay(new Date(2026, 2, 6, 12, 0).getTime(), now, 'en')).toBe('3 days ago');
    expect(relativeDay(new Date(2026, 2, 10, 0, 30).getTime(), now, 'es')).toBe('mañana');
  });

  it('formats shares and never shows NaN', () => {
    expect(percent(0.256, 'en')).toBe('26%');
    expect(percent(null, 'en')).toBe('—');
    expect(percent(Number.NaN, 'en')).toBe('—');
  });
});

describe('displayName', () => {
  it('falls back to the profile name, then the handle', () => {
    expect(displayName({ name: '  Ana ', identities: [] })).toBe('Ana');
    expect(
      displayName({
        name: '',
        identities: [{ site: 'x', profileKey: 'x:ana', profileUrl: 'https://x.com/ana', displayName: '', handle: 'ana' }],
      }),
    ).toBe('ana');
    expect(displayName({ name: '', identities: [] })).toBe('(no name)');
  });
});

describe('issue 22 formats', () => {
  it('a handle wears one @, whatever the site stores (TikTok and YouTube keep their own)', () => {
    expect(handleLabel({ handle: '@ana.s' })).toBe('@ana.s');
    expect(handleLabel({ handle: 'ana.s' })).toBe('@ana.s');
    expect(handleLabel({})).toBeUndefined();
    expect(handleLabel(undefined)).toBeUndefined();
  });

  it('says when something happened the way people do: minutes, hours, then days', () => {
    const now = new Date(2026, 2, 9, 15, 0).getTime();
    expect(relativeMoment(now - 5 * 60_000, now, 'en')).toBe('5 minutes ago');
    expect(relativeMoment(now - 2 * 3_600_000, now, 'en')).toBe('2 hours ago');
    expect(relativeMoment(now - 26 * 3_600_000, now, 'en')).toBe('yesterday');
    expect(relativeMoment(now - 2 * 3_600_000, now, 'es')).toBe('hace 2 horas');
  });
});
