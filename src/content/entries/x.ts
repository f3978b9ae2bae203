// The content script on x: the core and this site's adapter alone.
import { boot } from '../boot';
import { x } from '../sites/x';

boot(x);
