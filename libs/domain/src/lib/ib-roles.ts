/** The customer's IB log-ins (not staff roles): 管理者 and 利用者. */
export const IB_ROLES = Object.freeze(['administrator', 'user'] as const);
export type IbRole = (typeof IB_ROLES)[number];

export const IB_ROLE_LABELS: Readonly<Record<IbRole, string>> = Object.freeze({
  administrator: '管理者',
  user: '利用者',
});

/** A 法人IB login ID (契約者ID・利用者ID): 1–32 half-width letters, digits and `. _ -`. */
export const IB_LOGIN_ID_FORMAT = /^[A-Za-z0-9._-]{1,32}$/;
