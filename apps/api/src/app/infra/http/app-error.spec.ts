import {
  CASE_WORDED_CODES,
  catalogueMessage,
  ERROR_CATALOGUE_AREAS,
  ERROR_CODES,
  ERROR_MESSAGES,
} from '@certdesk/contracts';
import { AppError, ERROR_STATUS, RetryLaterError } from './app-error';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('error codes: one status table, one catalogue (issue 17)', () => {
  it.each([...ERROR_CODES])(
    '%s has a 4xx/5xx status, and either a Japanese catalogue message or says why its thrower words it',
    (code) => {
      const status = ERROR_STATUS[code];
      expect(status >= 400 && status <= 599).toBe(true);
      const message = catalogueMessage(code);
      const caseWorded = CASE_WORDED_CODES[code];
      expect(message === undefined).toBe(caseWorded !== undefined);
      if (message !== undefined) expect(message).toMatch(JAPANESE);
      else expect(caseWorded?.caseWorded.trim()).not.toBe('');
    },
  );

  it('the status table names exactly the codes', () => {
    expect(Object.keys(ERROR_STATUS).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('no code is in two areas of the catalogue, and codes are snake_case', () => {
    const sizes = ERROR_CATALOGUE_AREAS.map((a) => Object.keys(a).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(ERROR_CODES.length);
    for (const code of ERROR_CODES)
      if (code !== 'KEYSTORE_UNAVAILABLE')
        // on the wire before the rule
        expect(code).toMatch(/^[a-z]+(_[a-z0-9]+)*$/);
  });
});

describe('AppError', () => {
  it('takes its status from the table and its message from the catalogue, unless the case words it', () => {
    const refusal = new AppError('already_decided');
    expect(refusal.getStatus()).toBe(409);
    expect(refusal.message).toBe(ERROR_MESSAGES.already_decided);
    expect(refusal.getResponse()).toMatchObject({ code: 'already_decided' });
    expect(
      new AppError('invalid_input', '入力内容に誤りがあります（x）').message,
    ).toBe('入力内容に誤りがあります（x）');
  });

  it('refuses a case-worded code without its sentence', () => {
    expect(() => new AppError('invalid_input')).toThrow(TypeError);
  });

  it('onField names the field, with the message as its reason unless one is given', () => {
    expect(AppError.onField('totp_code_invalid', 'code').details).toEqual([
      { field: 'code', reason: ERROR_MESSAGES.totp_code_invalid },
    ]);
    expect(
      AppError.onField('invalid_period', 'from', '終了日より後です').details,
    ).toEqual([{ field: 'from', reason: '終了日より後です' }]);
  });

  it('RetryLaterError keeps the seconds to wait', () => {
    const busy = new RetryLaterError('busy', 5);
    expect(busy).toBeInstanceOf(AppError);
    expect([busy.getStatus(), busy.retryAfterSeconds]).toEqual([503, 5]);
  });
});
