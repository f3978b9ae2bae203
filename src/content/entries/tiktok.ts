// The content script on tiktok: the core and this site's adapter alone.
import { boot } from '../boot';
import { tiktok } from '../sites/tiktok';

boot(tiktok);
