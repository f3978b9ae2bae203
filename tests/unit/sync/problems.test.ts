import { describe, expect, it } from 'vitest';
import { Settings } from '../../../src/domain/types';
import { SYNC_SETTING_KEYS } from '../../../src/messages/wire-names';
import { problemOf, SyncFailure } from '../../../src/sync/problems';

describe('why sync failed, as the options page words it', () => {
  it.each([
    ['a 401 from the server (wrong user name or password)', { status: 401, name: 'unauthorized', reason: 'Name or password is incorrect.' }, 'unauthorized'],
    ['a 403 (no rights on the database)', { status: 403, name: 'forbidden' }, 'unauthorized'],
    ['fetch failing: nothing answers', new TypeError('Failed to fetch'), 'unreachable'],
    ["Firefox's network error", new TypeError('NetworkError when attempting to fetch resource.'), 'unreachable'],
    ['a 502 from a proxy in front of a stopped server', { status: 502, name: 'unknown_error' }, 'unreachable'],
    ['no such database (CouchDB)', { status: 404, name: 'not_found', reason: 'Database does not exist.' }, 'no_database'],
    ['no such database (pouchdb-server)', { status: 404, error: 'not_found', reason: 'no_db_file' }, 'no_database'],
    ['a full server', { status: 507, error: 'insufficient_storage' }, 'out_of_space'],
    ['a body too large for the server', { status: 413, error: 'too_large' }, 'out_of_space'],
    ['a full disk here', { name: 'QuotaExceededError' }, 'local_space'],
    ["Dexie's wrapped quota error", { name: 'AbortError', inner: { name: 'QuotaExceededError' } }, 'local_space'],
    ['a failure whose reason is known', new SyncFailure('wrong_passphrase'), 'wrong_passphrase'],
    ['anything else', new Error('boom'), 'failed'],
  ])('%s', (_label, error, problem) => {
    expect(problemOf(error)).toBe(problem);
  });

  it('every setting can be chosen to sync', () => {
    expect([...SYNC_SETTING_KEYS].sort()).toEqual(Object.keys(Settings.shape).sort());
  });
});
