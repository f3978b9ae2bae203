// The naive baseline for benchmark 1, injected into the demo feed of a browser WITHOUT the
// extension: what a content script does when written the obvious way. On every mutation it
// scans the WHOLE document for people and adds a span after each one not marked yet. The spans
// it adds are mutations too, so every batch costs a second full scan that finds nothing.
// Compare src/content/observer.ts: it queues only the added subtrees and matches them once per frame.
(() => {
  const PERSON = '[data-testid="comment"] a[data-testid="author"]';
  const mark = () => {
    for (const a of document.querySelectorAll(PERSON)) {
      const next = a.nextElementSibling;
      if (next && next.classList.contains('naive-chip')) continue;
      const span = document.createElement('span');
      span.className = 'naive-chip';
      span.textContent = '+ Lead';
      a.after(span);
    }
  };
  const start = () => {
    mark();
    new MutationObserver(mark).observe(document.documentElement, { childList: true, subtree: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
})();
