// No zod here: the popup imports these checks (and must not load zod); types.ts builds the schema from them.
/**
 * A person's own phone (WhatsApp goes by the phone number) and e-mail, typed by the user or read
 * from a file. Stored as typed, once checked; links are built from them only here.
 */
export const PHONE_MAX = 40;
export const EMAIL_MAX = 254;

/** Digits, spaces and the usual separators, an optional leading + ; 6 to 15 digits (E.164 allows 15). */
export function isPhone(s: string): boolean {
  if (s.length > PHONE_MAX || !/^\+?[\d\s().\-/]+$/.test(s)) return false;
  const digits = phoneDigits(s).length;
  return digits >= 6 && digits <= 15;
}

export function phoneDigits(s: string): string {
  return s.replace(/\D/g, '');
}

/** The characters an address may use before the @ (RFC 5322 atext, and letters of any script), a dotted domain after it. */
const EMAIL = /^[\p{L}\p{N}.!#$%&'*+/=?^_`{|}~-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*\.[\p{L}\p{N}]{2,}$/u;

export function isEmail(s: string): boolean {
  return s.length <= EMAIL_MAX && EMAIL.test(s);
}

/** A phone link (any number), for the device's own dialler. */
export function telHref(phone: string): string | undefined {
  if (!isPhone(phone)) return undefined;
  return `tel:${phone.trim().startsWith('+') ? '+' : ''}${phoneDigits(phone)}`;
}

/**
 * A WhatsApp chat link. WhatsApp needs the country code, so only a number written with one
 * (+34 …, or 0034 …) gets a link: a local number would open a chat with someone else.
 */
export function whatsappHref(phone: string): string | undefined {
  if (!isPhone(phone)) return undefined;
  const t = phone.trim();
  const digits = phoneDigits(t);
  if (t.startsWith('+')) return `https://wa.me/${digits}`;
  if (digits.startsWith('00') && digits.length > 8) return `https://wa.me/${digits.slice(2)}`;
  return undefined;
}

export function mailtoHref(email: string): string | undefined {
  return isEmail(email) ? `mailto:${email}` : undefined;
}
