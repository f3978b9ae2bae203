/**
 * One page life of the content script (or of one part of it): every listener, observer and timer
 * registers here, and stopping is one stop(), not a flag checked everywhere. The model is WXT's
 * ContentScriptContext and refined-github's init(signal). Removal is done by hand rather than
 * with addEventListener's `signal`, whose AbortSignal would cross from the content script's world
 * into the page's objects in Firefox.
 */
export class Life {
  private readonly stops = new Set<() => void>();
  private ended = false;

  get stopped(): boolean {
    return this.ended;
  }

  /** Runs `fn` when this life ends (at once if it has). */
  onStop(fn: () => void): void {
    if (this.ended) fn();
    else this.stops.add(fn);
  }

  stop(): void {
    if (this.ended) return;
    this.ended = true;
    const stops = [...this.stops].reverse();
    this.stops.clear();
    for (const fn of stops) {
      try {
        fn();
      } catch {
        // The page or the runtime may be gone already.
      }
    }
  }

  /** A life that ends with this one, or earlier on its own. */
  child(): Life {
    const c = new Life();
    this.onStop(() => c.stop());
    return c;
  }

  listen(target: EventTarget, type: string, fn: EventListenerOrEventListenerObject, capture = false): void {
    if (this.ended) return;
    target.addEventListener(type, fn, capture);
    this.onStop(() => target.removeEventListener(type, fn, capture));
  }

  /** A timer that this life's end cancels; the returned function cancels it sooner. */
  timeout(fn: () => void, ms: number): () => void {
    if (this.ended) return () => {};
    const cancel = (): void => {
      clearTimeout(id);
      this.stops.delete(cancel);
    };
    const id = setTimeout(() => {
      this.stops.delete(cancel);
      fn();
    }, ms);
    this.stops.add(cancel);
    return cancel;
  }
}
