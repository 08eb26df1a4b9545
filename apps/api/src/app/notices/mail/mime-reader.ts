/**
 * Just enough MIME to read back what nodemailer sends (the demo mailbox and the tests): unfolded
 * headers, RFC 2047 encoded words (B and Q) and a single-part or multipart/alternative body in
 * base64, quoted-printable, 7bit or 8bit, UTF-8.
 */
export interface ReadMail {
  headers: Map<string, string>;
  subject: string;
  from: string | null;
  to: string[];
  messageId: string | null;
  text: string;
}

function splitHead(raw: string): { head: string; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  if (at < 0) return { head: raw, body: '' };
  const separator = /\r?\n\r?\n/.exec(raw.slice(at))?.[0] ?? '\n\n';
  return { head: raw.slice(0, at), body: raw.slice(at + separator.length) };
}

function parseHeaders(head: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers.set(
        line.slice(0, colon).trim().toLowerCase(),
        line.slice(colon + 1).trim(),
      );
  }
  return headers;
}

function decodeQuotedPrintable(
  text: string,
  underscoreIsSpace = false,
): Buffer {
  const source = (underscoreIsSpace ? text.replace(/_/g, ' ') : text).replace(
    /=\r?\n/g,
    '',
  );
  const bytes: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const hex = source.slice(i + 1, i + 3);
    if (source[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(source[i], 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** `=?UTF-8?B?...?=` and `=?UTF-8?Q?...?=` words; whitespace between two encoded words is dropped. */
export function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(
      /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g,
      (_all, _charset: string, encoding: string, data: string) =>
        (encoding.toUpperCase() === 'B'
          ? Buffer.from(data, 'base64')
          : decodeQuotedPrintable(data, true)
        ).toString('utf8'),
    );
}

function decodeBody(
  body: string,
  transferEncoding: string | undefined,
): string {
  const encoding = (transferEncoding ?? '7bit').toLowerCase();
  if (encoding === 'base64')
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable')
    return decodeQuotedPrintable(body).toString('utf8');
  return body;
}

function textPart(headers: Map<string, string>, body: string): string {
  const contentType = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (/^multipart\//i.test(contentType) && boundary) {
    const parts = body
      .split(`--${boundary}`)
      .slice(1, -1)
      .map((part) => splitHead(part.replace(/^\r?\n/, '')));
    const parsed = parts.map((p) => ({
      headers: parseHeaders(p.head),
      body: p.body,
    }));
    const plain =
      parsed.find((p) =>
        /^text\/plain/i.test(p.headers.get('content-type') ?? 'text/plain'),
      ) ?? parsed[0];
    return plain ? textPart(plain.headers, plain.body) : '';
  }
  return decodeBody(body, headers.get('content-transfer-encoding'))
    .replace(/\r\n/g, '\n')
    .replace(/\n$/, '');
}

function addresses(value: string | undefined): string[] {
  if (!value) return [];
  return decodeWords(value)
    .split(',')
    .map((part) => (/<([^>]+)>/.exec(part)?.[1] ?? part).trim())
    .filter(Boolean);
}

export function readMail(raw: string): ReadMail {
  const { head, body } = splitHead(raw);
  const headers = parseHeaders(head);
  return {
    headers,
    subject: decodeWords(headers.get('subject') ?? ''),
    from: addresses(headers.get('from'))[0] ?? null,
    to: addresses(headers.get('to')),
    messageId: headers.get('message-id') ?? null,
    text: textPart(headers, body),
  };
}
