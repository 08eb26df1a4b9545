// What the soak asks for: the staff console's everyday requests and the customers' IB log-ons, weighted like a
// working day, plus a steady trickle of reissues (request, then a manager's approval) and IB renewals.
import { HTTP_TIMEOUT_MS, fail, login } from '../bench/lib/environment.mjs';
import { ibRequest, logonAgent, newKeyRequest } from './ib.mjs';
import { STAFF_CODE, TODAY } from './setup.mjs';

const STATUSES = [
  'valid',
  'renewal_due',
  'expired',
  'reissue_required',
  'revoked',
  'not_issued',
];
const REPORTS = [
  '/api/reports/expiry',
  '/api/reports/locked-out',
  '/api/reports/past-limit',
  '/api/reports/reissues',
  '/api/reports/notices',
];

/** Kinds drawn at random for the bulk of the rate (weights). */
export const WEIGHTED = {
  'search by name': 20,
  'search by contract': 12,
  'search by status': 12,
  'customer page': 18,
  dashboard: 10,
  report: 6,
  'IB log-on (mTLS)': 22,
};
/** Kinds at a steady rate of their own (per second), whatever --rps is. */
export const STEADY = {
  'reissue request': 0.2,
  'IB renewal (mTLS)': 0.5,
};
/** A follow-up of each reissue request. */
export const FOLLOW_UP = 'reissue approval';

const pick = (list) => list[Math.floor(Math.random() * list.length)];

export class HttpError extends Error {
  constructor(status, text) {
    super(`${status} ${String(text).slice(0, 200)}`);
    this.status = status;
  }
}

async function staffCall(base, cookies, method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      cookie: cookies.header(),
      ...(method === 'GET'
        ? {}
        : {
            'content-type': 'application/json',
            'x-xsrf-token': cookies.get('XSRF-TOKEN') ?? '',
          }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS * 4),
  });
  const text = await res.text();
  if (res.status < 200 || res.status > 299)
    throw new HttpError(res.status, text);
  return text ? JSON.parse(text) : null;
}

/**
 * Signs in the staff (sessions are rows in the database: made on the first process, used on all), reads what the
 * requests will ask for through the API itself, and returns the operations by kind.
 */
export async function workload(servers, identities) {
  const first = servers[0].base;
  const staff = await login(first, `branch_staff-${STAFF_CODE}`);
  const manager = await login(first, `manager-${STAFF_CODE}`);
  const customers = new Map();
  const reissuable = [];
  for (const status of ['valid', 'renewal_due', 'expired', 'revoked']) {
    let cursor = null;
    for (let page = 0; page < 10; page++) {
      const query = `/api/certificates?status=${status}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const result = await staffCall(first, staff, 'GET', query);
      for (const item of result.items) {
        customers.set(item.customer.id, item.customer);
        if (status === 'valid') reissuable.push(item.ibUser.id);
      }
      cursor = result.nextCursor;
      if (!cursor) break;
    }
  }
  const customerList = [...customers.values()];
  if (customerList.length < 100 || reissuable.length < 400)
    fail(
      `too little data: ${customerList.length} customers, ${reissuable.length} reissuable IB users`,
    );
  // Each reissue on its own IB user (an open request blocks another), newest ones never reused.
  const reissueQueue = [...new Set(reissuable)].sort(() => Math.random() - 0.5);
  let next = 0;
  const server = () => servers[next++ % servers.length];
  const busy = new Set();
  const keys = [];
  const refillKeys = async () => {
    while (keys.length < 4) keys.push(await newKeyRequest());
  };
  await refillKeys();

  const get = (cookies, path) => () =>
    staffCall(server().base, cookies, 'GET', path);
  const ops = {
    'search by name': () => {
      const c = pick(customerList);
      const q =
        Math.random() < 0.7
          ? c.companyNameKana.slice(0, 3 + Math.floor(Math.random() * 3))
          : c.companyName.slice(0, 2 + Math.floor(Math.random() * 3));
      return get(staff, `/api/certificates?q=${encodeURIComponent(q)}`)();
    },
    'search by contract': () =>
      get(staff, `/api/certificates?q=${pick(customerList).contractNumber}`)(),
    'search by status': () =>
      get(staff, `/api/certificates?status=${pick(STATUSES)}`)(),
    'customer page': () =>
      get(staff, `/api/customers/${pick(customerList).id}`)(),
    dashboard: () => get(staff, '/api/dashboard')(),
    report: () => get(manager, pick(REPORTS))(),
    'IB log-on (mTLS)': async () => {
      const s = server();
      const agent = logonAgent(s, pick(identities));
      try {
        for (const path of ['/ib/me', '/ib/notices']) {
          const res = await ibRequest(s, agent, 'GET', path);
          if (res.status !== 200)
            throw new HttpError(res.status, JSON.stringify(res.body));
        }
      } finally {
        agent.destroy();
      }
    },
    'IB renewal (mTLS)': async () => {
      const free = identities.filter((i) => !busy.has(i));
      if (free.length === 0) return 'skipped';
      const identity = pick(free);
      const key = keys.shift() ?? (await newKeyRequest());
      void refillKeys();
      busy.add(identity);
      const s = server();
      const agent = logonAgent(s, identity);
      try {
        const opened = await ibRequest(s, agent, 'POST', '/ib/renewals', {});
        if (opened.status !== 201)
          throw new HttpError(opened.status, JSON.stringify(opened.body));
        const issued = await ibRequest(
          s,
          agent,
          'POST',
          `/ib/renewals/${opened.body.id}/csr`,
          { csr: key.csrPem },
        );
        if (issued.status !== 201)
          throw new HttpError(issued.status, JSON.stringify(issued.body));
        // The customer has not installed the new one yet: the old certificate keeps logging on (and renewing).
      } finally {
        agent.destroy();
        busy.delete(identity);
      }
    },
    'reissue request': async () => {
      const ibUserId = reissueQueue.pop();
      if (!ibUserId) return 'skipped';
      const created = await staffCall(
        server().base,
        staff,
        'POST',
        '/api/reissues',
        {
          ibUserId,
          reason: 'lost_device',
          identityCheck: '運転免許証（負荷試験）',
          formReceivedOn: TODAY,
        },
      );
      return { followUp: created.id };
    },
    'reissue approval': (id) =>
      staffCall(server().base, manager, 'POST', `/api/reissues/${id}/approve`, {
        comment: '負荷試験',
      }),
  };
  return {
    ops,
    staff,
    manager,
    customers: customerList.length,
    reissuable: reissueQueue.length,
  };
}
