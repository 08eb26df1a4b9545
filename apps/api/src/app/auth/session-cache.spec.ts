import type { AppConfig } from '../infra/config/config';
import { SessionCache } from './session-cache';
import type {
  SessionRow,
  StaffSessionRepository,
} from './staff-session.repository';

const row = { id: 's1', staffUserId: 'u1', endedAt: null } as SessionRow;

async function sqliteCache(epoch: () => number | null = () => 0) {
  const sessions = {
    changeEpoch: async () => epoch(),
    onLocalChange: () => undefined,
    changesAnnounced: async () => true,
  } as unknown as StaffSessionRepository;
  const config = { database: { type: 'sqlite' } } as AppConfig;
  const cache = new SessionCache(sessions, config);
  await cache.onApplicationBootstrap();
  return cache;
}

describe('SessionCache', () => {
  it('keeps a live session and answers it without loading again', async () => {
    const cache = await sqliteCache();
    const load = jest.fn(async () => row);
    await cache.read('s1', load);
    await cache.read('s1', load);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not keep a read that was under way when everything was dropped', async () => {
    const cache = await sqliteCache();
    let finish: (value: SessionRow) => void = () => undefined;
    const slow = () => new Promise<SessionRow>((resolve) => (finish = resolve));
    const pending = cache.read('s1', slow);
    await new Promise((resolve) => setImmediate(resolve));
    cache.drop(); // a change committed while the row was being read
    finish(row);
    await pending;
    const load = jest.fn(async () => row);
    await cache.read('s1', load);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('drops everything when the change counter moves, and keeps no ended session', async () => {
    let epoch: number | null = 0;
    const cache = await sqliteCache(() => epoch);
    const load = jest.fn(async () => row);
    await cache.read('s1', load);
    epoch = 1;
    await cache.read('s1', load);
    expect(load).toHaveBeenCalledTimes(2);
    const ended = jest.fn(async () => ({ ...row, endedAt: new Date() }));
    await cache.read('s2', ended);
    await cache.read('s2', ended);
    expect(ended).toHaveBeenCalledTimes(2);
    epoch = null; // the counter's row is gone: nothing is kept
    await cache.read('s1', load);
    await cache.read('s1', load);
    expect(load).toHaveBeenCalledTimes(4);
  });
});
