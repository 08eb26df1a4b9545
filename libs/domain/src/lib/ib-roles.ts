/** The customer's IB log-ins (not staff roles): 管理者 and 利用者. */
export type IbRole = 'administrator' | 'user';

export const IB_ROLE_LABELS: Readonly<Record<IbRole, string>> = Object.freeze({
  administrator: '管理者',
  user: '利用者',
});
