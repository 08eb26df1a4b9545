/** Log-in names: 3–64 of a–z, 0–9, `.`, `_`, `-`, starting with a letter or digit; unique installation-wide. */
export const USERNAME_FORMAT = /^[a-z0-9][a-z0-9._-]{2,63}$/;
export const USERNAME_RULE =
  'ユーザー名は3〜64文字の半角英小文字・数字・記号（. _ -）で、英数字から始めてください';

/** Usernames are compared case-insensitively: stored and looked up in lower case. */
export function normaliseUsername(value: string): string {
  return value.trim().toLowerCase();
}
