import {
  ENROLMENT_REQUIRED_CODE,
  SECOND_FACTOR_REQUIRED_CODE,
  STEP_UP_REQUIRED_CODE,
} from '../second-factor';
import type { ErrorEntry } from './entry';

/** The console's sign-in, session, password and second factor. */
export const STAFF_AUTH_ERRORS = {
  not_signed_in: 'ログインが必要です',
  no_permission: 'この操作を行う権限がありません',
  /** One answer for every failed log-in: unknown user, wrong password, locked or disabled alike. */
  login_failed:
    'ユーザー名またはパスワードが正しくないか、アカウントが一時的にロックされています。',
  password_change_required:
    'パスワードの変更が必要です。パスワードを変更してから操作してください。',
  wrong_current_password: '現在のパスワードが正しくありません',
  /** `details` names each rule the new password breaks. */
  password_policy: '新しいパスワードが条件を満たしていません',
  // Second factor.
  [SECOND_FACTOR_REQUIRED_CODE]:
    'パスキーまたはワンタイムパスワードでの確認が必要です。',
  [ENROLMENT_REQUIRED_CODE]:
    'この操作の前に、パスワード・認証設定でパスキーかワンタイムパスワードを登録してください。',
  [STEP_UP_REQUIRED_CODE]:
    'この操作には、パスキーまたはワンタイムパスワードでの再確認が必要です。',
  second_factor_invalid:
    '確認コード、リカバリーコードまたはパスキーを確認できませんでした。もう一度お試しください。',
  no_passkey: 'パスキーが登録されていません。',
  totp_already_enrolled:
    'ワンタイムパスワードは登録済みです。登録し直すときは先に削除してください。',
  totp_not_started:
    'ワンタイムパスワードの登録が始まっていません。「登録を始める」からやり直してください。',
  totp_code_invalid:
    '確認コードが正しくありません。認証アプリに表示されている6桁の数字を入力してください。',
  passkey_challenge_expired:
    'パスキーの確認に時間がかかりすぎました。もう一度お試しください。',
  passkey_not_registered:
    'パスキーを登録できませんでした。もう一度お試しください。',
  second_factor_not_enrolled:
    '先にパスキーかワンタイムパスワードを登録してください。',
  second_factor_policy_production:
    '本番環境では役席・システム管理の二要素認証を無効にできません',
} as const satisfies Record<string, ErrorEntry>;
