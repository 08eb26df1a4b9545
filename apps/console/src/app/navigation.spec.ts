import { sectionOf } from './navigation';

describe('sectionOf', () => {
  it.each([
    ['/audit?from=2026-11-01', '/audit'],
    ['/certificates', '/certificates'],
    ['/certificates?status=expired', '/certificates'],
    ['/customers/abc', '/certificates'],
    ['/staff', '/staff'],
  ])('%s belongs to %s', (url, path) => {
    expect(sectionOf(url)?.path).toBe(path);
  });

  it.each(['/login', '/customersx', '/forbidden'])(
    '%s is in no section',
    (url) => {
      expect(sectionOf(url)).toBeUndefined();
    },
  );
});
