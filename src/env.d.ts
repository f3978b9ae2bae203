/** true in the dev/test builds (chrome-dev, firefox-dev), which also run on the demo page. */
declare const __HANDRAISER_DEV__: boolean;
