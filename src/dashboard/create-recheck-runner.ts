/** Why a run was made: a person asked (re-check now), or the checklist or config changed on disk. */
export type RunReason = "recheck" | "reload";

export interface RecheckRunner<T> {
  /** The input of the last run that succeeded. */
  readonly current: T;
  /** Whether a run is going. */
  readonly busy: boolean;
  /** Starts a re-check; null when a run is going already (one at a time). */
  recheck(): Promise<void> | null;
  /** Starts a reload now, or once the run that is going ends; repeated asks meanwhile make one reload. */
  reload(): void;
  /** Resolves when no run is going and none is waiting. */
  idle(): Promise<void>;
  /** Starts nothing more; resolves when the run that is going (if any) has ended. */
  close(): Promise<void>;
}

export interface RecheckHooks<T> {
  /** Makes a new input; throwing keeps the last one. */
  load(reason: RunReason): Promise<T>;
  onDone(reason: RunReason, input: T): void;
  onFailed(reason: RunReason, error: unknown): void;
}

/**
 * Runs re-checks and reloads one at a time. Two collections at once would race on the same
 * commands and files, and the page could show the older one last.
 */
export function createRecheckRunner<T>(initial: T, hooks: RecheckHooks<T>): RecheckRunner<T> {
  let current = initial;
  let running: Promise<void> | null = null;
  let reloadWaiting = false;
  let closed = false;
  const idleWaiters: (() => void)[] = [];

  const settle = (): void => {
    if (running || reloadWaiting) return;
    for (const wake of idleWaiters.splice(0)) wake();
  };

  const start = (reason: RunReason): Promise<void> => {
    const run = (async () => {
      try {
        const input = await hooks.load(reason);
        if (closed) return;
        current = input;
        hooks.onDone(reason, input);
      } catch (error) {
        if (!closed) hooks.onFailed(reason, error);
      }
    })();
    running = run.finally(() => {
      running = null;
      if (reloadWaiting && !closed) {
        reloadWaiting = false;
        void start("reload");
      } else {
        reloadWaiting = false;
        settle();
      }
    });
    return running;
  };

  return {
    get current() {
      return current;
    },
    get busy() {
      return running !== null;
    },
    recheck() {
      if (closed || running) return null;
      return start("recheck");
    },
    reload() {
      if (closed) return;
      if (running) reloadWaiting = true;
      else void start("reload");
    },
    idle() {
      if (!running && !reloadWaiting) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    async close() {
      closed = true;
      reloadWaiting = false;
      await running;
      settle();
    },
  };
}
