/**
 * Staff password rules (NIST SP 800-63B style: length and a block-list, no composition rules).
 * Pure: returns the Japanese reasons a password is refused, empty when it is acceptable.
 */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export const PASSWORD_REASONS = {
  tooShort: `${PASSWORD_MIN_LENGTH}文字以上にしてください`,
  tooLong: `${PASSWORD_MAX_LENGTH}文字以内にしてください`,
  common:
    'よく使われるパスワード（またはそれに数字や記号を足しただけのもの）は使えません',
  sequence:
    '連続した文字・数字やキーボードの並び（123456、abcdef、qwerty など）は使えません',
  repeated: '同じ文字や同じ並びの繰り返しは使えません',
  username: 'ユーザー名を含むパスワードは使えません',
  serviceName: 'このシステムの名前（certdesk）を含むパスワードは使えません',
} as const;

/** Whole passwords seen in every breach list (compared after normalisation). */
const COMMON_PASSWORDS = new Set([
  'password1234',
  'password12345',
  'password123456',
  'passw0rd1234',
  'p@ssw0rd1234',
  'p@ssword1234',
  'qwertyuiop12',
  'qwertyuiop123',
  'qwerty123456',
  'qwerty1234567',
  '1q2w3e4r5t6y',
  '1q2w3e4r5t6y7u',
  '123456789012',
  '1234567890ab',
  'abc123456789',
  'abcd12345678',
  'iloveyou1234',
  'welcome12345',
  'letmein12345',
  'changeme1234',
  'administrator',
  'admin1234567',
  'trustno11234',
  'zaq12wsxcde3',
  '1qaz2wsx3edc',
  '1qaz2wsx3edc4rfv',
  'asdfghjkl123',
  'zxcvbnm12345',
  'sakura123456',
  'password!234',
]);

/** Words that stay weak with digits or symbols around them (`Password2026!`, `sakura-1234`). */
const COMMON_WORDS = new Set([
  'password',
  'passwd',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'pass',
  'qwerty',
  'letmein',
  'welcome',
  'admin',
  'administrator',
  'root',
  'user',
  'guest',
  'test',
  'default',
  'changeme',
  'secret',
  'login',
  'master',
  'iloveyou',
  'monkey',
  'dragon',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'superman',
  'trustno',
  'shadow',
  'hello',
  'sakura',
  'tokyo',
  'japan',
  'nippon',
  'doraemon',
  'pokemon',
  'shinkin',
  'ginko',
  'kinko',
  'bank',
  'staff',
  'manager',
  'compliance',
  'branch',
]);

/** Runs a password may not be a piece of (checked forwards and backwards, digits wrapping 9→0). */
const SEQUENCES = [
  '01234567890123456789012345678901234567890',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiopasdfghjklzxcvbnm',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  '1q2w3e4r5t6y7u8i9o0p',
];

const SERVICE_NAME = 'certdesk';

function normalise(value: string): string {
  return value.normalize('NFKC').toLowerCase();
}

function isSequence(value: string): boolean {
  if (value.length < 4) return false;
  const reversed = [...value].reverse().join('');
  return SEQUENCES.some((run) => run.includes(value) || run.includes(reversed));
}

/** `abcabcabc`, `aaaa…`, or fewer than 5 different characters. */
function isRepetitive(value: string): boolean {
  return /^(.+)\1+$/su.test(value) || new Set(value).size < 5;
}

/** The password without leading/trailing digits, symbols and spaces: `Password2026!` → `password`. */
function core(value: string): string {
  return value.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
}

export interface PasswordContext {
  username?: string;
}

export function passwordProblems(
  password: string,
  context: PasswordContext = {},
): string[] {
  const reasons: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) reasons.push(PASSWORD_REASONS.tooShort);
  if (length > PASSWORD_MAX_LENGTH) reasons.push(PASSWORD_REASONS.tooLong);

  const value = normalise(password);
  const word = core(value);
  if (
    COMMON_PASSWORDS.has(value) ||
    COMMON_WORDS.has(word) ||
    COMMON_WORDS.has(unleet(word))
  ) {
    reasons.push(PASSWORD_REASONS.common);
  } else if (
    isSequence(value) ||
    (word.length >= 6 && isSequence(word)) ||
    (word === '' && isSequence(value.replace(/[^0-9]/g, '')))
  ) {
    reasons.push(PASSWORD_REASONS.sequence);
  }
  if (isRepetitive(value)) reasons.push(PASSWORD_REASONS.repeated);

  const username = context.username ? normalise(context.username) : '';
  if (username.length >= 3 && value.includes(username))
    reasons.push(PASSWORD_REASONS.username);
  if (value.includes(SERVICE_NAME)) reasons.push(PASSWORD_REASONS.serviceName);
  return reasons;
}

function unleet(value: string): string {
  return value
    .replace(/0/g, 'o')
    .replace(/[@4]/g, 'a')
    .replace(/[1!]/g, 'i')
    .replace(/3/g, 'e')
    .replace(/\$/g, 's');
}
