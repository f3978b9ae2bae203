// No zod here: the popup imports these lists and must not load zod (messages/client.ts).
// types.ts builds its zod enums from them and re-exports them.

export const SITES = ['facebook', 'instagram', 'linkedin', 'x', 'youtube', 'tiktok', 'demo'] as const;

/** Each site's own name, for sentences written outside the pages (notifications, import problems). */
export const SITE_NAMES: Record<(typeof SITES)[number], string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  linkedin: 'LinkedIn',
  x: 'X',
  youtube: 'YouTube',
  tiktok: 'TikTok',
  demo: 'Demo',
};

export const STAGES = ['lead', 'prospect', 'customer', 'team_member', 'not_interested'] as const;

export const SURFACES = ['comment', 'reaction', 'dm', 'link'] as const;

export const SOURCE_KINDS = [
  'comment',
  'like',
  'hand_raise_like',
  'message',
  'email_list',
  'web_form',
  'event',
  'referral',
  'outreach',
  'warm_market',
  'manual',
  'import',
] as const;

export const CHANNELS = [...SITES, 'phone', 'email', 'in_person', 'video', 'other'] as const;

export const TOUCH_KINDS = [
  'comment',
  'like',
  'hand_raise_like',
  'message',
  'call',
  'meeting',
  'exposure',
  'note',
] as const;

export const QUALIFICATION_QUESTIONS = ['need', 'desire', 'decisionMaker', 'initiative'] as const;

export const APPOINTMENT_KINDS = ['meeting', 'call', 'video_call'] as const;

/** Languages Handraiser's pages are written in (src/_locales). */
export const UI_LANGUAGES = ['en', 'es'] as const;
/** The options' language choice: 'auto' follows the browser. */
export const LANGUAGE_CHOICES = ['auto', ...UI_LANGUAGES] as const;
