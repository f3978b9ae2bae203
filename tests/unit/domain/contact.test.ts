import { describe, expect, it } from 'vitest';
import { isEmail, isPhone, mailtoHref, telHref, whatsappHref } from '../../../src/domain/contact';
import { Person } from '../../../src/domain/types';
import { lead } from './helpers';

describe('phone and e-mail', () => {
  it('accepts phone numbers as people write them, and refuses what is not one', () => {
    for (const ok of ['+34 612 345 678', '612-345-678', '(555) 123 4567', '0034612345678', '+1 415.555.0100']) expect(isPhone(ok), ok).toBe(true);
    for (const bad of ['12345', 'call me', '+34 612 345 678 ext 2', '1234567890123456', '', '+']) expect(isPhone(bad), bad).toBe(false);
  });

  it('links WhatsApp only for a number with its country code (a local number would reach someone else)', () => {
    expect(whatsappHref('+34 612 345 678')).toBe('https://wa.me/34612345678');
    expect(whatsappHref('0034 612 345 678')).toBe('https://wa.me/34612345678');
    expect(whatsappHref('612 345 678')).toBeUndefined();
    expect(telHref('+34 612 345 678')).toBe('tel:+34612345678');
    expect(telHref('(555) 123 4567')).toBe('tel:5551234567');
    expect(telHref('not a phone')).toBeUndefined();
  });

  it('accepts ordinary e-mail addresses only', () => {
    expect(isEmail('ana@example.com')).toBe(true);
    expect(isEmail('ana.souza+shop@mail.example.com.br')).toBe(true);
    for (const bad of ['ana', 'ana@', '@example.com', 'ana@example', 'ana @example.com', '<ana@example.com>', 'a@b.c.']) expect(isEmail(bad), bad).toBe(false);
    expect(mailtoHref('ana@example.com')).toBe('mailto:ana@example.com');
    expect(mailtoHref('javascript:alert(1)//@x.com')).toBeUndefined();
  });

  it('a stored person holds them only once checked, and the error names the field and what is expected', () => {
    expect(Person.safeParse({ ...lead(), phone: '+34 612 345 678', email: 'ana@example.com' }).success).toBe(true);
    const bad = Person.safeParse({ ...lead(), phone: 'call me maybe' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ['phone'], message: expect.stringMatching(/should be a phone number.*\+34 612 345 678/) });
  });
});
