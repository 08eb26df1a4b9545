import { RetryLaterError } from '../infra/http/app-error';

/** Seconds a client is asked to wait when the hashing queue is full. */
export const HASHING_RETRY_AFTER_SECONDS = 5;

/**
 * Caps the password hashing (argon2id, 64 MiB each) running at once in this process: at most
 * `concurrency` run, up to `maxWaiting` more wait (each at most `maxWaitMs`), and anything beyond
 * is refused at once with 503 and `Retry-After` — so a burst of log-ins or acquisitions cannot
 * grow memory past `concurrency` × 64 MiB or queue work for minutes.
 */
export class HashingGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
    readonly maxWaitMs: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.enter();
    try {
      return await work();
    } finally {
      this.leave();
    }
  }

  /** Hashing jobs running and waiting now (for tests and metrics). */
  load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private enter(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.maxWaiting) return Promise.reject(busy());
    return new Promise<void>((resolve, reject) => {
      const turn = () => {
        clearTimeout(timer);
        resolve(); // `running` is handed over by leave()
      };
      const timer = setTimeout(() => {
        const at = this.waiting.indexOf(turn);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(busy());
      }, this.maxWaitMs);
      this.waiting.push(turn);
    });
  }

  private leave(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}

function busy(): RetryLaterError {
  return new RetryLaterError('busy', HASHING_RETRY_AFTER_SECONDS);
}
