import { Logger } from '@nestjs/common';
import { Logger as PinoLogger } from 'nestjs-pino';
import { StaffBrowser, staffByUsername } from '../../../testing/staff-browser';
import { describeSeededApp } from '../../../testing/describe-app';
import { CertificateSearchService } from '../../certificates/certificate-search.service';

const NAME = 'ヤマダ';

describeSeededApp(
  'access log (pino, JSON) on $name',
  { env: { LOG_FORMAT: 'json', LOG_LEVEL: 'info' } },
  ({ t, seeded }) => {
    let written: string[] = [];
    let spy: jest.SpyInstance;

    /** Log lines (JSON) written since the last call. */
    const lines = (): Record<string, unknown>[] => {
      const all = written
        .join('')
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      written = [];
      return all;
    };

    beforeAll(async () => {
      t.app.useLogger(t.app.get(PinoLogger)); // as main.ts does
      const write = process.stdout.write.bind(process.stdout);
      spy = jest
        .spyOn(process.stdout, 'write')
        .mockImplementation(
          (chunk: string | Uint8Array, ...rest: unknown[]) => {
            const text = String(chunk);
            if (text.startsWith('{"level"')) {
              written.push(text);
              return true;
            }
            return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
          },
        );
    });
    afterAll(() => spy?.mockRestore());

    it('writes one line per request with the route pattern, never the search text, and the request id on every line of that request', async () => {
      const staff = StaffBrowser.of(t);
      await staff.login(seeded.username('branch_staff', seeded.a));
      const member = await staffByUsername(
        t,
        seeded.username('branch_staff', seeded.a),
      );
      // A line the application logs while serving the search (any Nest Logger call in the request).
      const search = t.app.get(CertificateSearchService);
      const original = search.search.bind(search);
      const probe = jest
        .spyOn(search, 'search')
        .mockImplementation(async (query) => {
          new Logger('Probe').warn('searching');
          return original(query);
        });
      lines();
      const res = await staff.get(
        `/api/certificates?q=${encodeURIComponent(NAME)}&status=expired`,
      );
      probe.mockRestore();
      expect(res.status).toBe(200);
      const requestId = res.headers['x-request-id'] as string;
      const logged = lines();
      const mine = logged.filter((l) => l['requestId'] === requestId);
      expect(mine.map((l) => l['msg'])).toEqual([
        'searching',
        'request completed',
      ]);
      const access = mine[1];
      expect(access).toMatchObject({
        method: 'GET',
        route: '/api/certificates',
        status: 200,
        staffId: member.id,
      });
      expect(typeof access['durationMs']).toBe('number');
      // Exactly the fields above (plus pino's own): no URL, query, headers or cookies.
      expect(Object.keys(access).sort()).toEqual(
        [
          'durationMs',
          'hostname',
          'level',
          'method',
          'msg',
          'pid',
          'requestId',
          'route',
          'staffId',
          'status',
          'time',
        ].sort(),
      );
      const everything = JSON.stringify(logged);
      expect(everything).not.toContain(NAME);
      expect(everything).not.toContain(encodeURIComponent(NAME));
      expect(everything).not.toContain('expired');
    });

    it('names the route pattern, not the id in the path, and keeps a caller-given request id', async () => {
      const staff = StaffBrowser.of(t);
      await staff.login(seeded.username('manager', seeded.a));
      lines();
      const id = '00000000-0000-4000-8000-00000000abcd';
      const res = await staff.send('get', `/api/customers/${id}`, undefined, {
        'X-Request-Id': 'trace-0123456789',
      });
      expect(res.status).toBe(404);
      expect(res.headers['x-request-id']).toBe('trace-0123456789');
      const access = lines().find((l) => l['requestId'] === 'trace-0123456789');
      expect(access).toMatchObject({
        route: '/api/customers/:id',
        status: 404,
      });
      expect(JSON.stringify(access)).not.toContain(id);
    });
  },
);
