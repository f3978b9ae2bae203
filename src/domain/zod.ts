/**
 * zod, configured before any schema is built: every module that builds schemas imports z from
 * here. jitless: zod never compiles parsers with `new Function`, nor probes whether it may.
 * Extension pages forbid eval anyway (the probe only raised a CSP report, and `web-ext lint`
 * flagged it); vite.config.ts also strips the probe's code from the bundle.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
