import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import noWebIterators from '../../../eslint/no-web-iterators.js';

const ROOT = join(import.meta.dirname, '../../..');
const FIXTURE = join(import.meta.dirname, 'fixtures/web-iterators.ts');

describe('lint rule handraiser/no-web-iterators (Firefox content scripts cannot iterate what a web object keys()/values()/entries() return)', () => {
  it('flags keys/values/entries on URLSearchParams, Headers, DOMTokenList, NodeList and FormData, and nothing else', { timeout: 60_000 }, async () => {
    const eslint = new ESLint({
      cwd: ROOT,
      overrideConfig: {
        files: ['tests/unit/lint/fixtures/**/*.ts'],
        plugins: { handraiser: { rules: { 'no-web-iterators': noWebIterators } } },
        rules: { 'handraiser/no-web-iterators': 'error' },
      },
    });
    const [result] = await eslint.lintFiles([FIXTURE]);
    const flagged = readFileSync(FIXTURE, 'utf8')
      .split('\n')
      .flatMap((line, i) => (line.includes('// flag') ? [i + 1] : []));
    const reported = result!.messages.filter((m) => m.ruleId === 'handraiser/no-web-iterators');
    expect(reported.map((m) => m.line)).toEqual(flagged);
    expect(reported[0]!.message).toMatch(/URLSearchParams\.keys\(\).*Firefox/);
  });
});
