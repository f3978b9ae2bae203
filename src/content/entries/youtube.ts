// The content script on youtube: the core and this site's adapter alone.
import { boot } from '../boot';
import { youtube } from '../sites/youtube';

boot(youtube);
