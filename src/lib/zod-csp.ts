/**
 * zod without its eval fast path: under the app's CSP (no 'unsafe-eval') zod's probe for
 * `new Function` is refused and reported as a CSP violation even though zod catches it. Imported
 * first by the browser entry, before any schema parses.
 */
import { z } from 'zod';

z.config({ jitless: true });
