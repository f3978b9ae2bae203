// The content script on linkedin: the core and this site's adapter alone.
import { boot } from '../boot';
import { linkedin } from '../sites/linkedin';

boot(linkedin);
