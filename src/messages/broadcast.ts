/**
 * What the background sends to tabs (the other direction of the contract). Content
 * scripts validate these on arrival too: a message is data until zod says otherwise.
 */
import { z } from '../domain/zod';
import { CHANGE_REASONS } from './wire-names';

export const COMMAND_CAPTURE_FOCUSED = 'capture-focused';

export const Broadcast = z.discriminatedUnion('type', [
  /** People changed (capture, stage, touch, import...): re-look-up the badges on the page. */
  z.object({
    type: z.literal('handraiser:changed'),
    personIds: z.array(z.string().max(64)).max(10_000),
    /** Set on a capture: the page may show that person without a known id. */
    profileKeys: z.array(z.string().max(300)).max(100).optional(),
    reason: z.enum(CHANGE_REASONS),
  }),
  /** Settings changed (sites or badges on/off). */
  z.object({ type: z.literal('handraiser:settings') }),
  /** The keyboard command: capture the person whose chip has focus. */
  z.object({ type: z.literal('handraiser:command'), command: z.literal(COMMAND_CAPTURE_FOCUSED) }),
]);
export type Broadcast = z.infer<typeof Broadcast>;
