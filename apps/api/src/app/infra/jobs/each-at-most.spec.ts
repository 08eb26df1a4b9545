import { eachAtMost } from './each-at-most';

/** A promise settled from outside, to hold work in flight. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('eachAtMost', () => {
  it('runs every item, never more than the limit at once, in order of start', async () => {
    const started: number[] = [];
    let running = 0;
    let most = 0;
    await eachAtMost(2, [1, 2, 3, 4, 5], async (n) => {
      started.push(n);
      most = Math.max(most, ++running);
      await tick();
      running--;
    });
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });

  it('with a limit of one, runs the items one after another', async () => {
    let running = 0;
    let most = 0;
    await eachAtMost(1, ['a', 'b', 'c'], async () => {
      most = Math.max(most, ++running);
      await tick();
      running--;
    });
    expect(most).toBe(1);
  });

  it('after a failure starts nothing more, lets the item in flight finish, then throws the failure', async () => {
    const held = gate();
    const started: number[] = [];
    const finished: number[] = [];
    const done = eachAtMost(2, [1, 2, 3, 4], async (n) => {
      started.push(n);
      if (n === 1) {
        await held.promise;
        finished.push(n);
        return;
      }
      throw new Error(`item ${n} failed`);
    });
    let settled = false;
    void done.catch(() => (settled = true));
    await tick();
    expect(settled).toBe(false); // item 1 is still in flight
    held.open();
    await expect(done).rejects.toThrow('item 2 failed');
    expect(started).toEqual([1, 2]);
    expect(finished).toEqual([1]);
  });

  it('throws the earliest failure when several items fail', async () => {
    const held = gate();
    const done = eachAtMost(2, [1, 2], async (n) => {
      if (n === 1) await held.promise; // fails last
      throw new Error(`item ${n} failed`);
    });
    await tick();
    held.open();
    await expect(done).rejects.toThrow('item 2 failed');
  });

  it('does nothing for no items', async () => {
    const work = jest.fn();
    await eachAtMost(2, [], work);
    expect(work).not.toHaveBeenCalled();
  });
});
