import { PASSWORD_REASONS as R, passwordProblems } from './password-policy';

describe('passwordProblems', () => {
  it.each([
    ['Tsubame-kaeru-7-hashi'],
    ['kX7#mq2$vLp9'],
    ['あおぞら銀河ステーション'],
    ['correct horse battery staple'],
    ['4839-defg-2710-xq'],
  ])('accepts %s', (password) => {
    expect(passwordProblems(password, { username: 'yamada' })).toEqual([]);
  });

  it.each([
    ['short1!', [R.tooShort]],
    ['x'.repeat(129), [R.tooLong, R.repeated]],
    ['password1234', [R.common]],
    ['Password2026!', [R.common]],
    ['P@ssw0rd-2026', [R.common]],
    ['sakura123456', [R.common]],
    ['qwertyuiop12', [R.common]],
    ['QWERTYUIOPASDF', [R.sequence]],
    ['123456789012', [R.common]],
    ['9876543210987', [R.sequence]],
    ['abcdefghijklm', [R.sequence]],
    ['1234-5678-9012', [R.sequence]],
    ['aaaaaaaaaaaa', [R.repeated]],
    ['abcabcabcabc', [R.repeated]],
    ['xyzzyxyzzyxyzzy', [R.repeated]],
    ['yamada-no-kagi-2026', [R.username]],
    ['YAMADA-no-kagi-2026', [R.username]],
    ['my-certdesk-key-77', [R.serviceName]],
    ['ｐａｓｓｗｏｒｄ１２３４', [R.common]],
  ])('refuses %s', (password, reasons) => {
    expect(passwordProblems(password, { username: 'yamada' })).toEqual(reasons);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblems('𠮷野家の牛丼は美味しいです')).toEqual([]);
    expect(passwordProblems('𠮷野家の牛丼は美味')).toEqual([R.tooShort]);
  });
});
