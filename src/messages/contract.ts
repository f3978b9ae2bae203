/**
 * The one contract between content scripts, popup, options and background.
 * Every message has a request schema and a response schema; the background validates
 * every request on arrival (the client reads replies by envelope, see client.ts; the tests
 * check real replies against the response schemas). Imports only zod and
 * domain types, so content scripts can use it without pulling in the store.
 */
import { z } from '../domain/zod';
import { ERROR_CODES, HEALTH_FINDINGS, MAX_DM_MESSAGES, MAX_LOOKUP_KEYS, MAX_PARTS, PART_CHARS, PROMOTION_REASONS, SIGNAL_NAMES, SYNC_PROBLEMS, SYNC_SETTING_KEYS } from './wire-names';
import {
  Appointment,
  AppointmentKind,
  AppointmentStatus,
  Channel,
  Direction,
  HandRaisePost,
  LIMITS,
  Market,
  NextStep,
  Person,
  Qualification,
  Settings,
  Site,
  SiteHealthWarning,
  SiteSettings,
  SourceKind,
  Stage,
  Surface,
  Touch,
  TouchKind,
} from '../domain/types';

// ---------- small building blocks ----------

const HttpUrl = z
  .string()
  .max(LIMITS.url, 'is too long')
  .refine((u) => /^https?:\/\/[^\s]+$/i.test(u), { message: 'must be a web address starting with http:// or https://' });
const Time = z.number().int().nonnegative();
const Id = z.string().min(1).max(64);
/** Raw text from a page, before the background trims and bounds it. */
const RawName = z.string().max(LIMITS.name * 5);
const Empty = z.object({}).strict();

/** The most rows a caller may ask for in one page. */
export const MAX_PAGE_SIZE = 200;

/**
 * Names one capture the user asked for. The content script sends the same id again when it
 * retries that capture after a failure, so a capture that was saved although its reply was
 * lost is recognised and stored once (the store keeps it as the touch's dedupe key).
 */
export const RequestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8 to 64 letters, digits, - or _');

export const CAPTURE_AS = ['lead', 'reach_out', 'hand_raise', 'auto'] as const;
export const CaptureAs = z.enum(CAPTURE_AS);
export type CaptureAs = z.infer<typeof CaptureAs>;

/** A person as a content script reads them out of the page. */
export const PagePerson = z.object({
  profileUrl: HttpUrl,
  name: RawName,
  avatarUrl: HttpUrl.optional(),
  /** The page the person was seen on; its site must be the profile's site. */
  pageUrl: HttpUrl,
});
export type PagePerson = z.infer<typeof PagePerson>;

export { SIGNAL_NAMES };
export const SignalName = z.enum(SIGNAL_NAMES);
export type SignalName = z.infer<typeof SignalName>;
export const SignalsSchema = z.object({
  followUpDue: z.boolean(),
  overdue: z.boolean(),
  chasing: z.boolean(),
  noNextStep: z.boolean(),
  readyToDecide: z.boolean(),
  onDrip: z.boolean(),
  notInterested: z.boolean(),
});
export type SignalsView = z.infer<typeof SignalsSchema>;

export const PromotionSchema = z.object({ to: z.literal('prospect'), reason: z.enum(PROMOTION_REASONS) });
export type PromotionView = z.infer<typeof PromotionSchema>;

/** The compact status shown next to a person on a social page. */
export const Badge = z.object({
  personId: Id,
  name: z.string().max(LIMITS.name),
  stage: Stage,
  onDrip: z.boolean(),
  reachOut: z.boolean(),
  nextFollowUpAt: Time.optional(),
  lastTouchAt: Time.optional(),
  nextStep: NextStep.optional(),
  /** Of the four qualification questions: how many answered yes, how many answered. */
  qualification: z.object({ yes: z.number().int().min(0).max(4), answered: z.number().int().min(0).max(4) }),
  signals: SignalsSchema,
  promotion: PromotionSchema.optional(),
});
export type Badge = z.infer<typeof Badge>;

/** One row of the pipeline or of today's queue: the person with their signals. */
export const PersonRow = z.object({ person: Person, signals: SignalsSchema });
export type PersonRow = z.infer<typeof PersonRow>;

/** domain/conversation OpenLink: where to pick the conversation up. */
export const OpenLinkSchema = z.object({ url: HttpUrl, kind: z.enum(['conversation', 'post', 'profile']) });

/** A row of today's queue: also the thread, post or profile to open. */
export const QueueRowSchema = PersonRow.extend({ link: OpenLinkSchema.optional() });
export type QueueRowView = z.infer<typeof QueueRowSchema>;

/** Tiers of today's queue (domain/focus QUEUE_TIERS: ready to decide, warm, replied, cold). */
export const QUEUE_TIER_COUNT = 4;
export const QueueTierSchema = z.object({
  tier: z.number().int().min(0).max(QUEUE_TIER_COUNT - 1),
  /** Everyone in this tier today, across pages. */
  total: z.number().int().nonnegative(),
  rows: z.array(QueueRowSchema),
});

/** Everything of one person, as deletePerson removed it and restorePerson puts it back. */
export const DeletedPersonSchema = z.object({
  person: Person,
  touches: z.array(Touch).max(100_000),
  appointments: z.array(Appointment).max(10_000),
});

export const DailyCountsSchema = z.object({
  goal: z.number().int().nonnegative(),
  newLeads: z.number().int().nonnegative(),
  followUps: z.number().int().nonnegative(),
  exposures: z.number().int().nonnegative(),
  appointmentsSet: z.number().int().nonnegative(),
  /** New conversations today, the number the daily goal counts. */
  conversations: z.number().int().nonnegative(),
});

export const Backup = z.object({
  format: z.literal('handraiser-backup'),
  version: z.literal(1),
  exportedAt: Time,
  people: z.array(Person),
  touches: z.array(Touch),
  appointments: z.array(Appointment),
  handRaisePosts: z.array(HandRaisePost),
  settings: Settings,
});
export type Backup = z.infer<typeof Backup>;

export const ImportSummary = z.object({
  people: z.number().int().nonnegative(),
  merged: z.number().int().nonnegative(),
  touches: z.number().int().nonnegative(),
  appointments: z.number().int().nonnegative(),
  handRaisePosts: z.number().int().nonnegative(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const DmMessage = z.object({
  /** Stable per message (site id, or a hash the content core computes): a reload never logs it twice. */
  dedupeKey: z.string().min(1).max(300),
  direction: Direction,
  at: Time.optional(),
  text: z.string().max(LIMITS.text).optional(),
});
export type DmMessage = z.infer<typeof DmMessage>;

/** domain/insight's Conversion. */
export const ConversionSchema = z.object({
  leads: z.number().int().nonnegative(),
  prospects: z.number().int().nonnegative(),
  customersOrTeam: z.number().int().nonnegative(),
  leadToProspect: z.number().min(0).max(1),
  prospectToClose: z.number().min(0).max(1),
});

/** Totals of the pipeline's groups: the stages without drip and suggestions, then those two. */
export const GroupTotalsSchema = z.object({
  stages: z.record(Stage, z.number().int().nonnegative()),
  onDrip: z.number().int().nonnegative(),
  reachOut: z.number().int().nonnegative(),
});
export type GroupTotalsView = z.infer<typeof GroupTotalsSchema>;

// ---------- sync (docs/sync.md) ----------

export const SyncProblemCode = z.enum(SYNC_PROBLEMS);
export const SyncSettingKey = z.enum(SYNC_SETTING_KEYS);
const SyncSettingKeys = z.array(SyncSettingKey).max(SYNC_SETTING_KEYS.length);

/** What the options page shows of sync. Never the password, the passphrase or the key. */
export const SyncStatusSchema = z.object({
  configured: z.boolean(),
  server: z.string().max(LIMITS.url).optional(),
  database: z.string().max(300).optional(),
  user: z.string().max(300).optional(),
  settings: SyncSettingKeys,
  lastSyncAt: Time.optional(),
  /** Records changed here and not sent yet. */
  waiting: z.number().int().nonnegative(),
  running: z.boolean(),
  /** The last run's failure; cleared by the next run that succeeds. */
  problem: z.object({ code: SyncProblemCode, at: Time }).optional(),
  notices: z
    .array(z.object({ at: Time, kind: z.enum(['kept', 'merged']), names: z.array(z.string().max(LIMITS.name)).max(20) }))
    .max(20),
});
export type SyncStatusView = z.infer<typeof SyncStatusSchema>;

const SyncStatusRes = z.object({ status: SyncStatusSchema });

const PersonIdReq = z.object({ personId: Id });
const PersonRes = z.object({ person: Person });

// ---------- the messages ----------

export const Messages = {
  /** A person seen on a page raised their hand (or the user clicked "capture"). */
  capture: {
    req: z.object({
      person: PagePerson,
      surface: Surface,
      contextUrl: HttpUrl.optional(),
      text: z.string().max(LIMITS.text * 2).optional(),
      as: CaptureAs,
      /** Sent again, unchanged, when the same capture is retried: see RequestId. */
      requestId: RequestId.optional(),
    }),
    res: z.object({
      profileKey: z.string().max(300),
      created: z.boolean(),
      /** What 'auto' resolved to. */
      capturedAs: z.enum(['lead', 'reach_out', 'hand_raise']),
      badge: Badge,
    }),
  },
  /** Statuses of the people visible on a page, by profile key. Unknown keys are simply absent. */
  lookup: {
    req: z.object({ profileKeys: z.array(z.string().min(1).max(300)).max(MAX_LOOKUP_KEYS) }),
    res: z.object({ badges: z.record(z.string(), Badge) }),
  },
  logTouch: {
    req: z.object({
      personId: Id,
      direction: Direction,
      channel: Channel,
      kind: TouchKind,
      at: Time.optional(),
      contextUrl: HttpUrl.optional(),
      text: z.string().max(LIMITS.text).optional(),
      nextStep: NextStep.optional(),
    }),
    res: z.object({ person: Person, touch: Touch }),
  },
  /** Takes a logged touch back; the person's counters are rebuilt from the touches left. */
  deleteTouch: {
    req: z.object({ touchId: Id }),
    res: PersonRes,
  },
  setStage: {
    req: z.object({ personId: Id, stage: Stage }),
    res: PersonRes,
  },
  setQualification: {
    req: z.object({ personId: Id, qualification: Qualification.partial().strict() }),
    res: PersonRes,
  },
  updatePerson: {
    req: z.object({
      personId: Id,
      name: z.string().max(LIMITS.name).optional(),
      notes: z.string().max(LIMITS.note).optional(),
      market: Market.optional(),
      onDrip: z.boolean().optional(),
      /** null clears the next step. */
      nextStep: NextStep.nullable().optional(),
      /** true: a lead goes back to being a "reach out" suggestion; false: capture the suggestion as a lead. */
      reachOut: z.boolean().optional(),
      /** Phone or WhatsApp number; null or '' clears it. Checked by the store (a clear refusal). */
      phone: z.string().max(200).nullable().optional(),
      /** null or '' clears it. */
      email: z.string().max(500).nullable().optional(),
    }),
    res: PersonRes,
  },
  /**
   * A person added by hand. `profileUrl`, when given, must be a profile on a supported site;
   * someone already here with that profile is answered with `created: false`, nothing changed.
   */
  addPerson: {
    req: z.object({
      name: z.string().max(LIMITS.name),
      profileUrl: z.string().max(LIMITS.url).optional(),
      phone: z.string().max(200).optional(),
      email: z.string().max(500).optional(),
      stage: Stage,
      market: Market.optional(),
      sourceKind: SourceKind,
      referrer: z.string().max(LIMITS.name).optional(),
      notes: z.string().max(LIMITS.note).optional(),
    }),
    res: z.object({ person: Person, created: z.boolean() }),
  },
  /** Deletes one person with their touches and appointments; the reply holds all of it, for undo. */
  deletePerson: {
    req: PersonIdReq,
    res: z.object({ deleted: DeletedPersonSchema }),
  },
  /** Puts back what deletePerson removed (undo); refused when a profile of theirs was captured again since. */
  restorePerson: {
    req: DeletedPersonSchema,
    res: PersonRes,
  },
  scheduleAppointment: {
    req: z.object({
      personId: Id,
      at: Time,
      kind: AppointmentKind,
      note: z.string().max(LIMITS.nextStep).optional(),
    }),
    res: z.object({ person: Person, appointment: Appointment }),
  },
  updateAppointment: {
    req: z.object({ appointmentId: Id, status: AppointmentStatus }),
    res: z.object({ person: Person, appointment: Appointment }),
  },
  /** The background derives the post key and site from the URL. */
  markHandRaisePost: {
    req: z.object({ url: HttpUrl, title: z.string().max(LIMITS.name * 5).optional() }),
    res: z.object({ post: HandRaisePost }),
  },
  unmarkHandRaisePost: {
    req: z.object({ url: HttpUrl }),
    res: z.object({ removed: z.boolean() }),
  },
  listHandRaisePosts: {
    req: z.object({ site: Site.optional() }),
    res: z.object({ posts: z.array(HandRaisePost) }),
  },
  /** Everything of `otherId` moves to `keepId`; `otherId` is gone afterwards. */
  merge: {
    req: z.object({ keepId: Id, otherId: Id }),
    res: PersonRes,
  },
  today: {
    /** `limit`: people per tier of the queue (default 10). */
    req: z.object({ limit: z.number().int().min(1).max(MAX_PAGE_SIZE).optional() }).strict(),
    res: z.object({
      /** Today's queue: every tier, hottest first, each with its first page and its total. */
      queue: z.array(QueueTierSchema).length(QUEUE_TIER_COUNT),
      appointments: z.array(z.object({ appointment: Appointment, name: z.string().max(LIMITS.name) })),
      daily: DailyCountsSchema,
      /** Everyone due today or earlier, overdue included. */
      dueCount: z.number().int().nonnegative(),
      /** Everyone overdue. */
      overdueCount: z.number().int().nonnegative(),
    }),
  },
  /** One more page of one tier of today's queue. */
  queuePage: {
    req: z.object({
      tier: z.number().int().min(0).max(QUEUE_TIER_COUNT - 1),
      offset: z.number().int().nonnegative().max(1_000_000),
      limit: z.number().int().min(1).max(MAX_PAGE_SIZE),
    }),
    res: QueueTierSchema,
  },
  pipeline: {
    req: z.object({
      stage: Stage.optional(),
      /** true: only reach-out suggestions; false: no suggestions. */
      reachOut: z.boolean().optional(),
      onDrip: z.boolean().optional(),
      /** Name or handle prefix. */
      query: z.string().max(LIMITS.name).optional(),
      site: Site.optional(),
      sourceKind: SourceKind.optional(),
      signal: SignalName.optional(),
      offset: z.number().int().nonnegative().max(1_000_000).optional(),
      /** Default 50. */
      limit: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
    }),
    res: z.object({
      counts: z.record(Stage, z.number().int().nonnegative()),
      /** The groups' totals, each one count on the `group` index. */
      groups: GroupTotalsSchema,
      /** With a search or a site, source or signal filter: what matches in each group. */
      filteredGroups: GroupTotalsSchema.optional(),
      /** How many match the filters, across all pages. */
      total: z.number().int().nonnegative(),
      rows: z.array(PersonRow),
    }),
  },
  /**
   * Conversion overall, by first source and by first site, median days per stage, over the
   * people who came in during [from, to) (everyone without a range). On demand.
   */
  insight: {
    req: z.object({ from: Time.optional(), to: Time.optional() }).strict(),
    res: z.object({
      /** People counted (the funnel: market people, suggestions left out). */
      people: z.number().int().nonnegative(),
      overall: ConversionSchema,
      /** Stages with no data are absent. */
      medianDaysInStage: z.partialRecord(Stage, z.number().nonnegative()),
      /** Only the sources someone in the funnel first came in by. */
      bySource: z.partialRecord(SourceKind, ConversionSchema),
      /** Only the sites someone in the funnel first came in on. */
      bySite: z.partialRecord(Site, ConversionSchema),
    }),
  },
  person: {
    req: PersonIdReq,
    res: z.object({
      person: Person,
      touches: z.array(Touch),
      appointments: z.array(Appointment),
      signals: SignalsSchema,
      promotion: PromotionSchema.nullable(),
    }),
  },
  settingsGet: {
    req: Empty,
    res: z.object({ settings: Settings }),
  },
  /** Top-level fields given replace the stored ones; the result must be valid settings. */
  settingsSet: {
    req: z.object({ settings: Settings.partial().strict() }),
    res: z.object({ settings: Settings }),
  },
  exportJson: {
    req: Empty,
    res: z.object({ backup: Backup }),
  },
  /**
   * The backup as its file's text (indented JSON), for the options page's download: in parts
   * when it is larger than one message can carry (PART_CHARS); exportPart fetches the others.
   */
  exportFile: {
    req: Empty,
    res: z.object({ text: z.string(), parts: z.number().int().min(1).max(MAX_PARTS), id: Id.optional(), people: z.number().int().nonnegative() }),
  },
  exportPart: {
    req: z.object({ id: Id, index: z.number().int().min(1).max(MAX_PARTS - 1) }),
    res: z.object({ text: z.string() }),
  },
  /** One part of a backup file's text too large for one message; importJson { upload: id } then imports the whole. */
  uploadPart: {
    req: z.object({
      id: Id,
      index: z.number().int().min(0).max(MAX_PARTS - 1),
      count: z.number().int().min(2).max(MAX_PARTS),
      text: z.string().max(PART_CHARS),
    }),
    res: z.object({ received: z.number().int().nonnegative() }),
  },
  /**
   * `data` is a parsed backup file, or `upload` names one sent in parts (uploadPart); either is
   * checked row by row before anything is written.
   */
  importJson: {
    req: z.object({ data: z.unknown().optional(), upload: Id.optional() }),
    res: z.object({ summary: ImportSummary }),
  },
  /** Messages seen in an open DM thread with `person`. */
  recordDm: {
    req: z.object({
      person: PagePerson,
      threadUrl: HttpUrl.optional(),
      messages: z.array(DmMessage).max(MAX_DM_MESSAGES),
    }),
    res: z.object({
      profileKey: z.string().max(300),
      /** False when the partner is not in Handraiser: DM messages never create a person on their own. */
      known: z.boolean(),
      added: z.number().int().nonnegative(),
      badge: Badge.optional(),
    }),
  },
  reportSiteHealth: {
    req: z.object({ site: Site, pageType: z.string().min(1).max(100), url: HttpUrl, found: z.enum(HEALTH_FINDINGS).optional() }),
    res: z.object({ recorded: z.boolean() }),
  },
  listSiteHealth: {
    req: Empty,
    res: z.object({ warnings: z.array(SiteHealthWarning) }),
  },
  deleteAll: {
    /** `server`: with sync set up, also delete the copy on the sync server (other devices follow). */
    req: z.object({ confirm: z.literal(true), server: z.boolean().optional() }),
    res: z.object({ deleted: z.literal(true) }),
  },
  /** For the toolbar badge: people whose follow-up is due now or overdue. */
  countDue: {
    req: Empty,
    res: z.object({ count: z.number().int().nonnegative() }),
  },
  /** Sync's state. Like every sync message, only from Handraiser's own pages (a content script sends only its own types). */
  syncStatus: {
    req: Empty,
    res: SyncStatusSchema,
  },
  /**
   * Sets sync up with a server the user named, after the page obtained access to it. Checks the
   * server, the account and the passphrase before anything is written; `problem` says why not.
   */
  syncSetup: {
    req: z.object({
      server: HttpUrl,
      database: z
        .string()
        .min(1)
        .max(238)
        .regex(/^[a-z][a-z0-9_$()+/-]*$/, { message: 'must start with a small letter and hold only small letters, digits and _ $ ( ) + - /' }),
      user: z.string().min(1).max(300),
      password: z.string().min(1).max(1000),
      passphrase: z.string().min(10).max(1000),
      settings: SyncSettingKeys,
    }),
    res: z.object({ problem: SyncProblemCode.nullable(), status: SyncStatusSchema }),
  },
  /** Runs sync now and answers when the run is over. */
  syncNow: {
    req: Empty,
    res: SyncStatusRes,
  },
  /** Which settings sync. */
  syncChoose: {
    req: z.object({ settings: SyncSettingKeys }),
    res: SyncStatusRes,
  },
  /** Turns sync off on this device: the data here and on the server stay. */
  syncOff: {
    req: Empty,
    res: SyncStatusRes,
  },
  /**
   * Opens Handraiser in a tab, at a view (from a page chip's menu, where no popup can open), or
   * the workspace (view 'workspace': the full-page board, one tab, focused when already open).
   */
  openHandraiser: {
    req: z.object({ view: z.enum(['today', 'pipeline', 'person', 'workspace']).optional(), personId: Id.optional() }),
    res: z.object({ opened: z.literal(true) }),
  },
} as const;

export type MessageType = keyof typeof Messages;
export const MESSAGE_TYPES = Object.keys(Messages) as MessageType[];

// ---------- who may send what ----------

/**
 * The messages a content script sends (content/wire.ts's RES, checked against this list at
 * compile time by tests/unit/messages/senders.test.ts). A content script runs inside a social
 * site's page, which may be hostile: every other message answers only Handraiser's own pages.
 */
export const CONTENT_SCRIPT_TYPES = [
  'capture',
  'lookup',
  'settingsGet',
  'listHandRaisePosts',
  'recordDm',
  'setStage',
  'logTouch',
  'markHandRaisePost',
  'unmarkHandRaisePost',
  'reportSiteHealth',
  'openHandraiser',
] as const satisfies readonly MessageType[];
export type ContentScriptType = (typeof CONTENT_SCRIPT_TYPES)[number];

/**
 * What a content script is told of the settings (its settingsGet reply): whether to keep message
 * text, and the switches of the site it runs on. Cadence, goals, hours and the other sites stay
 * with Handraiser's own pages.
 */
export const PageSettings = z.object({ storeMessageText: z.boolean(), sites: z.partialRecord(Site, SiteSettings) });
export type PageSettings = z.infer<typeof PageSettings>;
/** The replies a content script gets in a narrower form than Handraiser's pages. */
export const CONTENT_REPLIES = {
  /** `words`: the content script's words (keys without `content_`) in the language chosen in the options, when not the browser's. */
  settingsGet: z.object({ settings: PageSettings, words: z.record(z.string().max(40), z.string().max(500)).optional() }),
} as const;
export type Req<T extends MessageType> = z.infer<(typeof Messages)[T]['req']>;
export type Res<T extends MessageType> = z.infer<(typeof Messages)[T]['res']>;

// ---------- wire format ----------

export { ERROR_CODES };
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** Problems found in an imported file, one per row and field. */
export const ErrorDetail = z.object({
  row: z.string().max(300),
  path: z.string().max(300),
  message: z.string().max(1000),
});
export type ErrorDetail = z.infer<typeof ErrorDetail>;

export const WireError = z.object({
  code: ErrorCode,
  /** A sentence a non-engineer understands. */
  message: z.string().max(2000),
  details: z.array(ErrorDetail).max(100).optional(),
});
export type WireError = z.infer<typeof WireError>;

export const EnvelopeSchema = z.object({
  type: z.enum(MESSAGE_TYPES as [MessageType, ...MessageType[]]),
  payload: z.unknown(),
});

export type Reply<T extends MessageType = MessageType> =
  | { ok: true; data: Res<T> }
  | { ok: false; error: WireError };

/** Schema of a reply to message `type`. */
export function replySchema<T extends MessageType>(type: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data: Messages[type].res }),
    z.object({ ok: z.literal(false), error: WireError }),
  ]);
}
