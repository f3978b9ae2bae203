import { z } from './zod';

import { EMAIL_MAX, isEmail, isPhone, PHONE_MAX } from './contact';
import { LIMITS } from './limits';
import {
  APPOINTMENT_KINDS,
  CHANNELS,
  LANGUAGE_CHOICES,
  QUALIFICATION_QUESTIONS,
  SITES,
  SOURCE_KINDS,
  STAGES,
  SURFACES,
  TOUCH_KINDS,
} from './constants';
export { LIMITS, APPOINTMENT_KINDS, CHANNELS, LANGUAGE_CHOICES, QUALIFICATION_QUESTIONS, SITES, SOURCE_KINDS, STAGES, SURFACES, TOUCH_KINDS };

export const Site = z.enum(SITES);
export type Site = z.infer<typeof Site>;

/** The five stages of docs/domain.md. "On drip" is a flag, not a stage: the person keeps their stage. */
export const Stage = z.enum(STAGES);
export type Stage = z.infer<typeof Stage>;

/** Where on a page a person was seen. */
export const Surface = z.enum(SURFACES);
export type Surface = z.infer<typeof Surface>;

/** Market people follow the cadence; non-market contacts (suppliers, upline...) never do. */
export const Market = z.enum(['market', 'non_market']);
export type Market = z.infer<typeof Market>;

const Text = (max: number) => z.string().max(max);
const Url = z
  .string()
  .max(LIMITS.url)
  .refine((u) => /^https?:\/\//i.test(u), { message: 'must be an http(s) address' });
const Time = z.number().int().nonnegative();

export const Identity = z.object({
  site: Site,
  /** Canonical key, the same for every URL form of the same profile: see domain/identity. */
  profileKey: z.string().min(3).max(300),
  profileUrl: Url,
  displayName: Text(LIMITS.name),
  handle: Text(LIMITS.handle).optional(),
  avatarUrl: Url.optional(),
});
export type Identity = z.infer<typeof Identity>;

export const SourceKind = z.enum(SOURCE_KINDS);
export type SourceKind = z.infer<typeof SourceKind>;

export const Source = z.object({
  kind: SourceKind,
  at: Time,
  site: Site.optional(),
  /** The post, comment or thread where it happened. */
  contextUrl: Url.optional(),
  /** Who referred them (free text: a name, or a person id). */
  referrer: Text(LIMITS.name).optional(),
});
export type Source = z.infer<typeof Source>;

export const Direction = z.enum(['inbound', 'outbound']);
export type Direction = z.infer<typeof Direction>;

export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const TouchKind = z.enum(TOUCH_KINDS);
export type TouchKind = z.infer<typeof TouchKind>;

export const NextStep = z.object({
  text: Text(LIMITS.nextStep).min(1),
  at: Time.optional(),
});
export type NextStep = z.infer<typeof NextStep>;

export const Touch = z.object({
  id: z.string().min(1).max(64),
  personId: z.string().min(1).max(64),
  at: Time,
  direction: Direction,
  channel: Channel,
  kind: TouchKind,
  contextUrl: Url.optional(),
  /** Plain text only (a comment, a note). Never rendered as markup. */
  text: Text(LIMITS.text).optional(),
  nextStep: NextStep.optional(),
  /** Set for touches observed on a page (DM messages) so a reload never logs them twice. */
  dedupeKey: z.string().max(300).optional(),
});
export type Touch = z.infer<typeof Touch>;

export const AppointmentKind = z.enum(APPOINTMENT_KINDS);
export const AppointmentStatus = z.enum(['scheduled', 'kept', 'missed', 'cancelled']);
export const Appointment = z.object({
  id: z.string().min(1).max(64),
  personId: z.string().min(1).max(64),
  at: Time,
  kind: AppointmentKind,
  status: AppointmentStatus,
  note: Text(LIMITS.nextStep).optional(),
  /** When the appointment was set (not when it takes place): counts toward "appointments set" today. */
  createdAt: Time.optional(),
});
export type Appointment = z.infer<typeof Appointment>;

/** The four yes/no questions of docs/domain.md ("Qualification"); null = not answered yet. */
export const Qualification = z.object({
  need: z.boolean().nullable(),
  desire: z.boolean().nullable(),
  decisionMaker: z.boolean().nullable(),
  initiative: z.boolean().nullable(),
});
export type Qualification = z.infer<typeof Qualification>;
export const EMPTY_QUALIFICATION: Qualification = {
  need: null,
  desire: null,
  decisionMaker: null,
  initiative: null,
};

export const StageChange = z.object({ stage: Stage, at: Time });

/** Phone (WhatsApp goes by it) and e-mail, as typed, once checked (domain/contact). */
export const Phone = z
  .string()
  .max(PHONE_MAX)
  .refine(isPhone, { message: 'should be a phone number: 6 to 15 digits, spaces or dashes allowed, + and the country code for WhatsApp (like +34 612 345 678)' });
export const Email = z
  .string()
  .max(EMAIL_MAX)
  .refine(isEmail, { message: 'should be an e-mail address like ana@example.com' });
export type StageChange = z.infer<typeof StageChange>;

export const Person = z.object({
  id: z.string().min(1).max(64),
  name: Text(LIMITS.name),
  stage: Stage,
  market: Market,
  /**
   * A like on an ordinary post is not a lead (docs/domain.md): the person is kept as a
   * "reach out" suggestion until the user captures them as a lead. No cadence while true.
   */
  reachOut: z.boolean(),
  onDrip: z.boolean(),
  identities: z.array(Identity).max(50),
  sources: z.array(Source).max(200),
  qualification: Qualification,
  exposures: z.number().int().nonnegative(),
  notes: Text(LIMITS.note),
  phone: Phone.optional(),
  email: Email.optional(),
  nextStep: NextStep.optional(),
  stageHistory: z.array(StageChange).max(500),
  createdAt: Time,
  updatedAt: Time,
  lastTouchAt: Time.optional(),
  lastInboundAt: Time.optional(),
  /** Outbound follow-ups since the last inbound reply: drives the cadence and "chasing". */
  followUpsSinceInbound: z.number().int().nonnegative(),
  /** Outbound touches in a row with no inbound reply. */
  outboundStreak: z.number().int().nonnegative(),
  /** When the next follow-up is due; absent when none is (not interested, non-market, drip, suggestion). */
  nextFollowUpAt: Time.optional(),
  /** Last outbound follow-up: several messages sent the same day count as one follow-up. */
  lastOutboundAt: Time.optional(),
  /** When the current cadence started (capture, stage change, off drip): the base when it is later than the last touch. */
  cadenceFrom: Time.optional(),
});
export type Person = z.infer<typeof Person>;

/**
 * What the status rules read of a person (signals, promotion, badges): all of it but the
 * profiles, sources and notes, which only grow. The type checker proves the rules need
 * nothing more.
 */
export type PersonState = Omit<Person, 'identities' | 'sources' | 'notes'>;

export const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM, 24-hour');

export const SiteSettings = z.object({ enabled: z.boolean(), badges: z.boolean() });
export type SiteSettings = z.infer<typeof SiteSettings>;

const Spacing = z.array(z.number().int().min(1).max(365)).min(1).max(20);
export const Settings = z.object({
  cadence: z.object({
    /** Days after the previous touch, one entry per follow-up before drip. Default 2, 5. */
    lead: Spacing,
    /** Prospects, customers, team members. Default 1, 3, 7, 14, 21, 30, 45, 60. */
    contact: Spacing,
  }),
  dailyGoal: z.number().int().min(1).max(500),
  quietHours: z.object({ enabled: z.boolean(), start: HHMM, end: HHMM }),
  /** Local time of the daily summary notification; null = off. */
  summaryTime: HHMM.nullable(),
  notifications: z.boolean(),
  /** Store the text of DM messages, not only their direction and time. Off by default. */
  storeMessageText: z.boolean(),
  sites: z.record(Site, SiteSettings),
  /** The language of Handraiser's pages and notifications; 'auto' follows the browser. */
  language: z.enum(LANGUAGE_CHOICES).default('auto'),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  cadence: { lead: [2, 5], contact: [1, 3, 7, 14, 21, 30, 45, 60] },
  dailyGoal: 8,
  quietHours: { enabled: true, start: '21:00', end: '08:00' },
  summaryTime: '09:00',
  notifications: true,
  storeMessageText: false,
  language: 'auto',
  sites: Object.fromEntries(SITES.map((s) => [s, { enabled: true, badges: true }])) as Record<
    Site,
    SiteSettings
  >,
};

/** A post the user marked: likes and comments there capture as hand-raise leads. */
export const HandRaisePost = z.object({
  postKey: z.string().min(1).max(LIMITS.url),
  site: Site,
  url: Url,
  title: Text(LIMITS.name).optional(),
  markedAt: Time,
});
export type HandRaisePost = z.infer<typeof HandRaisePost>;

/** Recorded when an adapter recognises a page type but finds nobody: breakage is never silent. */
export const SiteHealthWarning = z.object({
  site: Site,
  pageType: z.string().max(100),
  url: Url,
  at: Time,
  /** What the page showed (messages/wire-names HEALTH_FINDINGS); absent in rows written before it was kept: nobody. */
  found: z.enum(['selectors', 'fallback', 'nobody']).optional(),
});
export type SiteHealthWarning = z.infer<typeof SiteHealthWarning>;
