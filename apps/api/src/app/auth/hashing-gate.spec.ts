import { ERROR_MESSAGES } from '@certdesk/contracts';
import { RetryLaterError } from '../infra/http/app-error';
import { HashingGate } from './hashing-gate';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('HashingGate', () => {
  it('runs at most `concurrency` at once, queues `maxWaiting`, refuses the rest at once with 503 and Retry-After', async () => {
    const gate = new HashingGate(2, 2, 10_000);
    let running = 0;
    let most = 0;
    const jobs = Array.from({ length: 4 }, () => deferred());
    const results = jobs.map((job) =>
      gate.run(async () => {
        running++;
        most = Math.max(most, running);
        await job.promise;
        running--;
        return 'done';
      }),
    );
    expect(gate.load()).toEqual({ running: 2, waiting: 2 });
    const refused = await gate.run(async () => 'never').catch((e) => e);
    expect(refused).toBeInstanceOf(RetryLaterError);
    expect(refused.getStatus()).toBe(503);
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.getResponse()).toMatchObject({
      message: ERROR_MESSAGES.busy,
      code: 'busy',
    });
    for (const job of jobs) job.resolve();
    expect(await Promise.all(results)).toEqual(Array(4).fill('done'));
    expect(most).toBe(2);
    expect(gate.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('gives up on a job that waited longer than `maxWaitMs`, and the queue moves on', async () => {
    jest.useFakeTimers();
    try {
      const gate = new HashingGate(1, 5, 1000);
      const first = deferred();
      const running = gate.run(() => first.promise);
      const waiting = gate.run(async () => 'late').catch((e) => e);
      jest.advanceTimersByTime(1001);
      expect(await waiting).toBeInstanceOf(RetryLaterError);
      expect(gate.load()).toEqual({ running: 1, waiting: 0 });
      first.resolve();
      await running;
      expect(await gate.run(async () => 'next')).toBe('next');
    } finally {
      jest.useRealTimers();
    }
  });
});
