import { createTransport } from 'nodemailer';
import { decodeWords, readMail } from './mime-reader';

async function raw(
  mail: Parameters<ReturnType<typeof createTransport>['sendMail']>[0],
): Promise<string> {
  const info = await createTransport({
    streamTransport: true,
    buffer: true,
  }).sendMail(mail);
  return (info.message as Buffer).toString('utf8');
}

describe('readMail', () => {
  it('reads back what nodemailer writes: Japanese subject, addresses, Message-ID and text (base64 or quoted-printable)', async () => {
    const text = `株式会社さくら精機\n管理者 山田 太郎 様\n\n${'電子証明書の有効期限日は2026年12月31日(木)です。'.repeat(5)}\n`;
    for (const textEncoding of ['base64', 'quoted-printable'] as const) {
      const mail = readMail(
        await raw({
          from: {
            name: 'さくら信用金庫',
            address: 'noreply@certdesk.localhost',
          },
          to: 'user@example.jp',
          subject:
            '電子証明書更新のご案内（とても長い件名でも折り返しを正しく戻せること）',
          text,
          messageId: '<abc@certdesk.localhost>',
          textEncoding,
        }),
      );
      expect(mail).toMatchObject({
        subject:
          '電子証明書更新のご案内（とても長い件名でも折り返しを正しく戻せること）',
        from: 'noreply@certdesk.localhost',
        to: ['user@example.jp'],
        messageId: '<abc@certdesk.localhost>',
        text: text.replace(/\n$/, ''),
      });
    }
  });

  it('takes the text part of a multipart/alternative message', async () => {
    const mail = readMail(
      await raw({
        from: 'a@b.jp',
        to: 'c@d.jp',
        subject: 'x',
        text: 'テキスト',
        html: '<p>HTML</p>',
      }),
    );
    expect(mail.text).toBe('テキスト');
  });

  it('decodes Q-encoded words', () => {
    expect(
      decodeWords('=?UTF-8?Q?=E6=9B=B4=E6=96=B0_A?= =?UTF-8?B?44GU5qGI5YaF?='),
    ).toBe('更新 Aご案内');
  });
});
