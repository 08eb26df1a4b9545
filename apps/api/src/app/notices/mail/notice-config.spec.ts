import { ConfigError, loadConfig } from '../../infra/config/config';

describe('notice and SMTP configuration', () => {
  const load = (env: Record<string, string>) =>
    loadConfig({ DEMO_DATA: 'on', ...env }, '/srv');

  it('defaults to the local SMTP server on 2525 and the worker on at 06:00 JST', () => {
    expect(load({})).toMatchObject({
      smtp: { url: null, localPort: 2525, from: 'noreply@certdesk.localhost' },
      notices: { worker: true, dailyAt: '06:00' },
    });
  });

  it('reads SMTP_URL, SMTP_PORT, MAIL_FROM, NOTICE_WORKER and NOTICE_DAILY_AT', () => {
    expect(
      load({
        SMTP_URL: 'smtp://mail.internal:25',
        SMTP_PORT: '0',
        MAIL_FROM: 'ib@shinkin.example',
        NOTICE_WORKER: 'off',
        NOTICE_DAILY_AT: '05:30',
      }),
    ).toMatchObject({
      smtp: {
        url: 'smtp://mail.internal:25',
        localPort: 0,
        from: 'ib@shinkin.example',
      },
      notices: { worker: false, dailyAt: '05:30' },
    });
    expect(
      load({ SMTP_URL: 'smtps://user:pass@mail.internal:465' }).smtp.url,
    ).toBe('smtps://user:pass@mail.internal:465');
  });

  it.each([
    ['SMTP_URL', 'http://mail.internal'],
    ['SMTP_URL', 'smtp://mail.internal:25/path'],
    ['SMTP_URL', 'mail.internal:25'],
    ['SMTP_PORT', '70000'],
    ['SMTP_PORT', 'abc'],
    ['MAIL_FROM', '電子証明書 <noreply@x.jp>'],
    ['NOTICE_WORKER', 'yes'],
    ['NOTICE_DAILY_AT', '6:00'],
    ['NOTICE_DAILY_AT', '24:00'],
  ])('refuses %s=%s, naming the variable', (variable, value) => {
    expect(() => load({ [variable]: value })).toThrow(ConfigError);
    expect(() => load({ [variable]: value })).toThrow(variable);
  });
});
