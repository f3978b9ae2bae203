// The content script on facebook: the core and this site's adapter alone.
import { boot } from '../boot';
import { facebook } from '../sites/facebook';

boot(facebook);
