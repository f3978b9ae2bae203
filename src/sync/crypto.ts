/**
 * End-to-end encryption for sync (docs/sync.md, "What the server sees"), with WebCrypto only.
 *
 * The passphrase never leaves the browser and is never stored. PBKDF2-SHA-256 with a random
 * salt and KDF_ITERATIONS rounds turns it into 64 bytes: the first 32 an AES-GCM key that
 * encrypts every record (the document id is the additional data, so the server cannot swap
 * two records' bodies), the last 32 an HMAC-SHA-256 key that names documents and revisions,
 * so the server sees neither which table or person a document is, nor anything it could test
 * a guess against. The salt, the round count and a known text encrypted with the key sit in
 * one plain document on the server (KEY_DOC_ID): a second device checks its passphrase against
 * it before it writes anything.
 */

export const KEY_DOC_ID = 'handraiser-key';
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
export const KDF_ITERATIONS = 600_000;
const CHECK_TEXT = 'handraiser sync key check v1';

export interface KeyDoc {
  _id: typeof KEY_DOC_ID;
  _rev?: string;
  format: 'handraiser-sync-key';
  v: 1;
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  salt: string;
  check: string;
}

export interface Keys {
  enc: CryptoKey;
  mac: CryptoKey;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
const base64url = (bytes: Uint8Array) => toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** The 64 key bytes a passphrase and salt give. Slow on purpose. */
export async function deriveKeyBytes(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array<ArrayBuffer>> {
  const base = await crypto.subtle.importKey('raw', utf8.encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, 512);
  return new Uint8Array(bits);
}

export async function importKeys(bytes: Uint8Array<ArrayBuffer>): Promise<Keys> {
  const [enc, mac] = await Promise.all([
    crypto.subtle.importKey('raw', bytes.slice(0, 32), 'AES-GCM', false, ['encrypt', 'decrypt']),
    crypto.subtle.importKey('raw', bytes.slice(32, 64), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
  ]);
  return { enc, mac };
}

/** Base64 of a 12-byte random IV followed by the AES-GCM ciphertext of `text`, bound to `id`. */
export async function encrypt(keys: Keys, id: string, text: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8.encode(id) }, keys.enc, utf8.encode(text)));
  const out = new Uint8Array(12 + ct.length);
  out.set(iv);
  out.set(ct, 12);
  return toBase64(out);
}

/** The text `encrypt` sealed; throws when the key is wrong or anything was changed. */
export async function decrypt(keys: Keys, id: string, sealed: string): Promise<string> {
  const bytes = fromBase64(sealed);
  if (bytes.length < 12 + 16) throw new Error('sealed text too short');
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.slice(0, 12), additionalData: utf8.encode(id) }, keys.enc, bytes.slice(12));
  return fromUtf8.decode(plain);
}

async function mac(keys: Keys, text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', keys.mac, utf8.encode(text)));
}

/** The server's name for a record: the same on every device with the passphrase, meaningless without it. */
export async function docIdOf(keys: Keys, table: string, key: string): Promise<string> {
  return `h${base64url((await mac(keys, `doc\n${table}\n${key}`)).subarray(0, 16))}`;
}

/** A revision id (`gen-32 hex`) decided by its parent and content, so two devices making the same merge make the same revision. */
export async function revisionOf(keys: Keys, parent: string | undefined, content: string): Promise<string> {
  const gen = parent ? Number.parseInt(parent, 10) + 1 : 1;
  return `${gen}-${hex((await mac(keys, `rev\n${parent ?? ''}\n${content}`)).subarray(0, 16))}`;
}

/** A new key for a first device: the key document to store on the server, and the key bytes. */
export async function newKey(passphrase: string, iterations = KDF_ITERATIONS): Promise<{ doc: KeyDoc; bytes: Uint8Array<ArrayBuffer> }> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const bytes = await deriveKeyBytes(passphrase, salt, iterations);
  const check = await encrypt(await importKeys(bytes), KEY_DOC_ID, CHECK_TEXT);
  return { doc: { _id: KEY_DOC_ID, format: 'handraiser-sync-key', v: 1, kdf: 'PBKDF2-SHA-256', iterations, salt: toBase64(salt), check }, bytes };
}

export function isKeyDoc(v: unknown): v is KeyDoc {
  const d = v as Partial<KeyDoc> | null;
  return (
    !!d &&
    d.format === 'handraiser-sync-key' &&
    d.v === 1 &&
    d.kdf === 'PBKDF2-SHA-256' &&
    typeof d.iterations === 'number' &&
    d.iterations >= 1_000 &&
    d.iterations <= 10_000_000 &&
    typeof d.salt === 'string' &&
    typeof d.check === 'string'
  );
}

/** The key bytes when `passphrase` is the one the key document was made with; null when it is not. */
export async function openKey(doc: KeyDoc, passphrase: string): Promise<Uint8Array<ArrayBuffer> | null> {
  const bytes = await deriveKeyBytes(passphrase, fromBase64(doc.salt), doc.iterations);
  try {
    return (await decrypt(await importKeys(bytes), KEY_DOC_ID, doc.check)) === CHECK_TEXT ? bytes : null;
  } catch {
    return null;
  }
}
