/**
 * Name, phone / WhatsApp and e-mail as a person types them, each checked on save with a
 * sentence that names the field and what it expects, tied to its field (aria-invalid,
 * aria-describedby). Shared by "Add person" and the person's contact details.
 */
import type { ComponentChildren } from 'preact';
import { EMAIL_MAX, isEmail, isPhone, PHONE_MAX } from '../domain/contact';
import { LIMITS } from '../domain/limits';
import { Field } from '../ui/components';
import { t } from '../ui/i18n';

export interface ContactValues {
  name: string;
  phone: string;
  email: string;
}
export type ContactErrors = Partial<Record<keyof ContactValues | 'profile', string>>;

/** What is wrong with a name, phone and e-mail as typed (`name` undefined: not asked). */
export function contactErrors(v: { name?: string; phone: string; email: string }): ContactErrors {
  const errors: ContactErrors = {};
  if (v.name !== undefined && !v.name.trim()) errors.name = t('nameRequired');
  if (v.phone.trim() && !isPhone(v.phone.trim())) errors.phone = t('phoneInvalid');
  if (v.email.trim() && !isEmail(v.email.trim())) errors.email = t('emailInvalid');
  return errors;
}

/** The attributes that tie a field to its error (or its help) by id. */
export function fieldState(prefix: string, errors: ContactErrors, key: keyof ContactErrors, help?: string) {
  return {
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': errors[key] ? `${prefix}-${key}-error` : help,
  };
}

export function FieldError({ prefix, errors, name }: { prefix: string; errors: ContactErrors; name: keyof ContactErrors }) {
  return errors[name] ? (
    <p id={`${prefix}-${name}-error`} class="error small" role="alert">
      {errors[name]}
    </p>
  ) : null;
}

/** The three fields; `afterName` goes between the name and the phone (the profile link when adding). */
export function ContactFields({
  prefix,
  values,
  errors,
  onInput,
  afterName,
}: {
  prefix: string;
  values: ContactValues;
  errors: ContactErrors;
  onInput: (patch: Partial<ContactValues>) => void;
  afterName?: ComponentChildren;
}) {
  const state = (key: keyof ContactErrors, help?: string) => fieldState(prefix, errors, key, help);
  return (
    <>
      <Field label={t('nameLabel')}>
        <input type="text" value={values.name} maxLength={LIMITS.name} autoComplete="off" {...state('name')} onInput={(e) => onInput({ name: e.currentTarget.value })} />
      </Field>
      <FieldError prefix={prefix} errors={errors} name="name" />
      {afterName}
      <Field label={t('phoneLabel')}>
        <input
          type="tel"
          value={values.phone}
          maxLength={PHONE_MAX}
          autoComplete="off"
          {...state('phone', `${prefix}-phone-help`)}
          onInput={(e) => onInput({ phone: e.currentTarget.value })}
        />
      </Field>
      <p id={`${prefix}-phone-help`} class="small muted">
        {t('phoneHelp')}
      </p>
      <FieldError prefix={prefix} errors={errors} name="phone" />
      <Field label={t('emailLabel')}>
        <input type="email" value={values.email} maxLength={EMAIL_MAX} autoComplete="off" {...state('email')} onInput={(e) => onInput({ email: e.currentTarget.value })} />
      </Field>
      <FieldError prefix={prefix} errors={errors} name="email" />
    </>
  );
}
