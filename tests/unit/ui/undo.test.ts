import { describe, expect, it, vi } from 'vitest';
import { UndoStack } from '../../../src/ui/undo';

describe('UndoStack', () => {
  it('undoes the latest action first', async () => {
    const s = new UndoStack();
    const done: string[] = [];
    s.push('a', async () => void done.push('a'));
    s.push('b', async () => void done.push('b'));
    expect(s.peek()?.label).toBe('b');
    expect((await s.undoLast())?.label).toBe('b');
    expect((await s.undoLast())?.label).toBe('a');
    expect(await s.undoLast()).toBeUndefined();
    expect(done).toEqual(['b', 'a']);
  });

  it('keeps an entry whose undo failed, so the user can retry', async () => {
    const s = new UndoStack();
    let fail = true;
    s.push('x', async () => {
      if (fail) throw new Error('offline');
    });
    await expect(s.undoLast()).rejects.toThrow('offline');
    expect(s.size).toBe(1);
    fail = false;
    await s.undoLast();
    expect(s.size).toBe(0);
  });

  it('is bounded and tells listeners', () => {
    const s = new UndoStack(3);
    const fn = vi.fn();
    s.subscribe(fn);
    for (let i = 0; i < 5; i++) s.push(`n${i}`, async () => undefined);
    expect(s.size).toBe(3);
    expect(fn).toHaveBeenCalledTimes(5);
    expect(fn).toHaveBeenLastCalledWith(expect.objectContaining({ label: 'n4' }), 3);
  });
});
