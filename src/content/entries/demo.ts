// The content script on the demo page (dev and test builds only): the core and this site's adapter alone.
import { boot } from '../boot';
import { demo } from '../sites/demo';

boot(demo);
