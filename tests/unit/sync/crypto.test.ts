import { describe, expect, it } from 'vitest';
import { decrypt, docIdOf, encrypt, importKeys, isKeyDoc, KDF_ITERATIONS, newKey, openKey, revisionOf } from '../../../src/sync/crypto';

describe('sync encryption', () => {
  it('a first device makes a key document that says how to derive the key, and nothing of it', async () => {
    const { doc } = await newKey('a long passphrase of mine');
    expect(isKeyDoc(doc)).toBe(true);
    expect(doc.iterations).toBe(KDF_ITERATIONS);
    expect(JSON.stringify(doc)).not.toContain('passphrase');
  });

  it('a second device opens the key with the same passphrase, and is told when the passphrase is wrong', async () => {
    const { doc, bytes } = await newKey('the right passphrase', 1_000);
    expect(await openKey(doc, 'the right passphrase')).toEqual(bytes);
    expect(await openKey(doc, 'the wrong passphrase')).toBeNull();
    expect(await openKey(doc, 'The right passphrase')).toBeNull();
  });

  it('what is sealed for one document opens only with the key, only for that document, only unchanged', async () => {
    const keys = await importKeys((await newKey('passphrase one', 1_000)).bytes);
    const other = await importKeys((await newKey('passphrase two', 1_000)).bytes);
    const sealed = await encrypt(keys, 'hDoc1', '{"name":"Ana Souza"}');
    expect(sealed).not.toContain('Ana');
    expect(await decrypt(keys, 'hDoc1', sealed)).toBe('{"name":"Ana Souza"}');
    // Sealing twice gives two different texts: the server cannot tell equal records apart.
    expect(await encrypt(keys, 'hDoc1', '{"name":"Ana Souza"}')).not.toBe(sealed);
    await expect(decrypt(other, 'hDoc1', sealed)).rejects.toThrow();
    // The server cannot move a body to another document.
    await expect(decrypt(keys, 'hDoc2', sealed)).rejects.toThrow();
    const bytes = Buffer.from(sealed, 'base64');
    bytes[bytes.length - 1]! ^= 1;
    await expect(decrypt(keys, 'hDoc1', bytes.toString('base64'))).rejects.toThrow();
  });

  it('document ids and revisions are the same on every device with the key, and say nothing without it', async () => {
    const key = await newKey('shared passphrase', 1_000);
    const a = await importKeys(key.bytes);
    const b = await importKeys(new Uint8Array(key.bytes));
    const id = await docIdOf(a, 'people', 'person-123');
    expect(await docIdOf(b, 'people', 'person-123')).toBe(id);
    expect(id).toMatch(/^h[\w-]{22}$/);
    expect(id).not.toContain('person');
    expect(await docIdOf(a, 'touches', 'person-123')).not.toBe(id);
    const other = await importKeys((await newKey('another passphrase', 1_000)).bytes);
    expect(await docIdOf(other, 'people', 'person-123')).not.toBe(id);
    const rev = await revisionOf(a, '3-abc', '{"x":1}');
    expect(rev).toMatch(/^4-[0-9a-f]{32}$/);
    expect(await revisionOf(b, '3-abc', '{"x":1}')).toBe(rev);
    expect(await revisionOf(a, '3-abc', '{"x":2}')).not.toBe(rev);
    expect(await revisionOf(a, undefined, '{"x":1}')).toMatch(/^1-/);
  });
});
