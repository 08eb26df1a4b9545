import { createTransport } from 'nodemailer';
import { FixedClock } from '../../infra/clock/clock';
import { loadConfig } from '../../infra/config/config';
import { LocalSmtpServer } from './local-smtp-server';
import { SmtpEndpoint } from './mailer';

describe('LocalSmtpServer', () => {
  it('keeps the last messages it received, decoded, newest last', async () => {
    const server = new LocalSmtpServer(
      () => new Date('2026-12-01T00:00:00Z'),
      3,
    );
    await server.start(0);
    const transport = createTransport({ url: server.url });
    try {
      for (let i = 1; i <= 5; i++)
        await transport.sendMail({
          from: 'a@b.jp',
          to: `u${i}@c.jp`,
          subject: `件名${i}`,
          text: `本文${i}`,
        });
      expect(server.messages().map((m) => [m.to, m.subject, m.text])).toEqual([
        [['u3@c.jp'], '件名3', '本文3'],
        [['u4@c.jp'], '件名4', '本文4'],
        [['u5@c.jp'], '件名5', '本文5'],
      ]);
      expect(server.messages()[0].receivedAt.toISOString()).toBe(
        '2026-12-01T00:00:00.000Z',
      );
    } finally {
      transport.close();
      await server.stop();
    }
  });
});

describe('SmtpEndpoint', () => {
  it('starts the local server once, on a free port when SMTP_PORT is taken', async () => {
    const taken = new LocalSmtpServer(() => new Date());
    const port = await taken.start(0);
    const endpoint = new SmtpEndpoint(
      loadConfig({ SMTP_PORT: String(port) }),
      new FixedClock(new Date()),
    );
    try {
      expect(endpoint.usesLocalServer).toBe(true);
      const url = await endpoint.url();
      expect(url).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
      expect(url).not.toBe(taken.url);
      expect(await endpoint.localServer()).toBe(await endpoint.localServer());
    } finally {
      await endpoint.onApplicationShutdown();
      await taken.stop();
    }
  });

  it('uses SMTP_URL as given and has no local server then', async () => {
    const endpoint = new SmtpEndpoint(
      loadConfig({ SMTP_URL: 'smtp://mail.internal:25' }),
      new FixedClock(new Date()),
    );
    expect(await endpoint.url()).toBe('smtp://mail.internal:25');
    expect(() => endpoint.localServer()).toThrow(/SMTP_URL is set/);
  });
});
