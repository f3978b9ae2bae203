import { LANGUAGE_CHOICES } from '../domain/constants';
import type { Settings } from '../domain/types';
import { Field } from '../ui/components';
import { t, type MessageKey } from '../ui/i18n';
import type { SaveSettings } from './useSettings';

type Choice = (typeof LANGUAGE_CHOICES)[number];

/** Each language by its own name, so anyone finds theirs whatever the page is in now. */
const CHOICE_KEYS: Record<Exclude<Choice, 'auto'>, MessageKey> = { en: 'languageEn', es: 'languageEs' };

/** The browser's own language, named in itself ("English", "Español") for the 'auto' choice. */
function browserLanguageName(): string {
  const tag = (globalThis.navigator?.language ?? 'en').toLowerCase();
  return tag.startsWith('es') ? t('languageEs') : t('languageEn');
}

/**
 * The language of Handraiser's pages and notifications: the browser's, or one chosen here. A
 * change reloads this page in the new language (the popup and the welcome page read it when
 * they open; the background when it next speaks).
 */
export function Language({ settings, save }: { settings: Settings; save: SaveSettings }) {
  const choose = async (language: Choice) => {
    if (await save({ language }, t('languageTitle'))) location.reload();
  };
  return (
    <section id="language" aria-labelledby="language-title" class="card">
      <h2 id="language-title">{t('languageTitle')}</h2>
      <Field label={t('languageLabel')}>
        <select
          value={settings.language}
          aria-describedby="language-help"
          onChange={(e) => void choose(e.currentTarget.value as Choice)}
        >
          {LANGUAGE_CHOICES.map((c) => (
            <option key={c} value={c} lang={c === 'auto' ? undefined : c}>
              {c === 'auto' ? t('languageAuto', browserLanguageName()) : t(CHOICE_KEYS[c])}
            </option>
          ))}
        </select>
      </Field>
      <p id="language-help" class="small muted">
        {t('languageHelp')}
      </p>
    </section>
  );
}
