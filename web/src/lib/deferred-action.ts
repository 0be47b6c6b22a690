/**
 * An action that waits out an undo window: `schedule` holds one value for `delayMs`, then commits
 * it; `undo` drops it uncommitted; `flush` commits it now (leaving the page, or a second action
 * while one is waiting: the first one is committed, never lost or silently undone).
 */
export class DeferredAction<T> {
  private waiting: { value: T; timer: ReturnType<typeof setTimeout> } | null = null;

  constructor(
    private readonly commit: (value: T) => void,
    private readonly delayMs: number,
  ) {}

  get pending(): T | null {
    return this.waiting?.value ?? null;
  }

  schedule(value: T): void {
    this.flush();
    this.waiting = { value, timer: setTimeout(() => this.flush(), this.delayMs) };
  }

  /** Cancels the waiting action and returns it (null when there was none). */
  undo(): T | null {
    return this.take();
  }

  flush(): void {
    const value = this.take();
    if (value !== null) this.commit(value);
  }

  private take(): T | null {
    if (this.waiting === null) return null;
    clearTimeout(this.waiting.timer);
    const { value } = this.waiting;
    this.waiting = null;
    return value;
  }
}
