/** One fixture of a site, as the end-to-end tests use it. */
export interface SiteCase {
  /** Path of the fixture; its <meta name="fixture-url"> is the real address it is served under. */
  fixture: string;
  /** Every profile key the page gives a button to (what tests/unit/sites/<site>.test.ts finds). */
  people: string[];
  /** Whom the capture test clicks, and what the store must then hold; none where the fixture hides its page. */
  capture?: {
    surface: 'comment' | 'reaction' | 'dm';
    /** The display name the adapter reads. */
    name: string;
    key: string;
    /** The post or thread the sighting belongs to. */
    context: string;
  };
}
