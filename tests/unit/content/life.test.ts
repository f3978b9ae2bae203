// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { Life } from '../../../src/content/life';

describe('one page life of the content script', () => {
  it('stop() removes every listener, cancels every timer, ends its children, once', () => {
    vi.useFakeTimers();
    try {
      const life = new Life();
      const child = life.child();
      const onClick = vi.fn();
      const timer = vi.fn();
      const childTimer = vi.fn();
      const ended = vi.fn();
      life.listen(document, 'click', onClick);
      life.timeout(timer, 100);
      child.timeout(childTimer, 100);
      child.onStop(ended);
      document.body.click();
      expect(onClick).toHaveBeenCalledTimes(1);
      life.stop();
      life.stop();
      document.body.click();
      vi.advanceTimersByTime(200);
      expect([onClick.mock.calls.length, timer.mock.calls.length, childTimer.mock.calls.length, ended.mock.calls.length]).toEqual([1, 0, 0, 1]);
      expect(child.stopped).toBe(true);
      // Nothing new registers on an ended life.
      life.listen(document, 'click', onClick);
      document.body.click();
      expect(onClick).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a child stops on its own without ending its parent; a timer can be cancelled sooner', () => {
    vi.useFakeTimers();
    try {
      const life = new Life();
      const child = life.child();
      child.stop();
      expect([child.stopped, life.stopped]).toEqual([true, false]);
      const fn = vi.fn();
      const cancel = life.timeout(fn, 50);
      cancel();
      vi.advanceTimersByTime(100);
      expect(fn).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
