/**
 * Every change the user makes in the popup can be taken back until the popup closes:
 * each action pushes how to reverse it. In memory only, on purpose.
 */
export interface UndoEntry {
  id: number;
  /** What was done, in words: "Ana moved to Prospect". */
  label: string;
  undo: () => Promise<void>;
}

type Listener = (top: UndoEntry | undefined, size: number) => void;

export class UndoStack {
  private entries: UndoEntry[] = [];
  private listeners = new Set<Listener>();
  private nextId = 1;

  constructor(private readonly limit = 50) {}

  push(label: string, undo: () => Promise<void>): UndoEntry {
    const entry = { id: this.nextId++, label, undo };
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.shift();
    this.emit();
    return entry;
  }

  peek(): UndoEntry | undefined {
    return this.entries[this.entries.length - 1];
  }

  get size(): number {
    return this.entries.length;
  }

  /** Runs the latest undo. On failure the entry stays, so the user can try again. */
  async undoLast(): Promise<UndoEntry | undefined> {
    const entry = this.peek();
    if (!entry) return undefined;
    await entry.undo();
    this.entries = this.entries.filter((e) => e !== entry);
    this.emit();
    return entry;
  }

  clear(): void {
    this.entries = [];
    this.emit();
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(): void {
    for (const fn of this.listeners) fn(this.peek(), this.entries.length);
  }
}
