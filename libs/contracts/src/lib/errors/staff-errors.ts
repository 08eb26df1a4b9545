import type { ErrorEntry } from './entry';

/** 職員管理 and the staff changes under dual control. */
export const STAFF_ERRORS = {
  /** Usernames are unique across every credit union. */
  username_taken:
    'このユーザー名は既に使われています（ユーザー名はすべての信用金庫を通じて一意です）。別のユーザー名を指定してください',
  staff_change_pending:
    'この職員には承認待ちの変更があります。先にその依頼を承認・却下するか取り消してください',
  own_staff_change:
    '自分が依頼した変更は承認・却下できません。別のシステム管理者が処理してください（依頼を取り下げるときは「取消」）',
  own_account_change:
    'ご自身のアカウントに関する変更は承認・却下できません。別のシステム管理者が処理してください',
  not_on_self:
    '自分自身のアカウントを無効にしたり、役割を変更したりすることはできません（別のシステム管理者に依頼してください）',
  nothing_to_change:
    '変更する項目（role、displayName、disabled）を指定してください',
  own_factors: '自分の認証方法はパスワード・認証設定で削除・登録してください',
  own_password: '自分のパスワードはパスワード変更画面で変更してください',
  /** A request (staff change, 再発行) is withdrawn only by the one who made it. */
  not_requester: '依頼を取り消せるのは依頼した職員だけです',
  /** Another decision on a request under dual control (staff change, 再発行) won first. */
  already_decided: 'この依頼は既に処理されています。画面を更新してください',
} as const satisfies Record<string, ErrorEntry>;
