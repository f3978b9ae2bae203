// The content script on instagram: the core and this site's adapter alone.
import { boot } from '../boot';
import { instagram } from '../sites/instagram';

boot(instagram);
