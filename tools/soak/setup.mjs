// The soak's data, made fresh on its own PostgreSQL database each run:
//  1. one API process at T0 = NOW − 1 year + 15 days seeds the demo data (credit unions 1001, 1002; demo PINs) and
//     customers of 1001 acquire certificates over the IB channel (1-year validity): at NOW they are in their last
//     30 days, so they log on and renew;
//  2. the ops CLI at NOW seeds the staff's credit unions (1003…) with their customers, certificates and demo staff,
//     so searches, pages, the dashboard and reports see a present-day mix of statuses.
import pg from 'pg';
import { Agent } from 'node:https';
import {
  PG_ADMIN_URL,
  assertLoopback,
  fail,
  stopChild,
  withDatabase,
} from '../bench/lib/environment.mjs';
import { ibRequest, newKeyRequest } from './ib.mjs';
import { cli, soakEnv, startApi } from './servers.mjs';

export const NOW = '2026-12-01T09:00:00+09:00';
export const TODAY = '2026-12-01';
/** Acquisitions happen here: their certificates expire on 2026-12-16, 15 days after NOW. */
export const ACQUIRED_AT = '2025-12-16T09:00:00+09:00';
export const STAFF_CODE = '1003';

export function soakDatabase() {
  const url =
    process.env.SOAK_DATABASE_URL ||
    'postgres://root@127.0.0.1:5432/certdesk_soak';
  assertLoopback(url, 'SOAK_DATABASE_URL');
  assertLoopback(PG_ADMIN_URL, 'BENCH_ADMIN_URL');
  const name = new URL(url).pathname.slice(1);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    fail(`unsupported database name "${name}"`);
  if (name === new URL(PG_ADMIN_URL).pathname.slice(1))
    fail('SOAK_DATABASE_URL and BENCH_ADMIN_URL must name different databases');
  const connected = async (target, fn) => {
    const c = new pg.Client({
      connectionString: target,
      connectionTimeoutMillis: 5000,
    });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  return {
    url: withDatabase(url, name),
    name,
    async recreate() {
      await connected(PG_ADMIN_URL, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.query(`CREATE DATABASE "${name}"`);
      });
    },
    query(sql, params = []) {
      return connected(url, async (c) => (await c.query(sql, params)).rows);
    },
  };
}

/**
 * Step 1: demo data at T0 and `count` IB certificates acquired (keys kept here). Each acquisition comes from its
 * own loopback address (the per-address limit counts failures only, but the soak should not depend on that).
 */
async function acquireIdentities(db, count) {
  const server = await startApi(
    'setup',
    soakEnv(db.url, ACQUIRED_AT, {
      DEMO_DATA: 'on',
      NOTICE_WORKER: 'off',
    }),
  );
  try {
    // Not yet issued or expired within the self-service limit: both may acquire with the demo PINs.
    const candidates = await db.query(
      `SELECT u.login_id AS "loginId", u.id AS "ibUserId", cu.code AS "code"
         FROM ib_user u JOIN credit_union cu ON cu.id = u.credit_union_id
        WHERE cu.code = '1001' AND u.pin_locked_at IS NULL
          AND (u.current_expiry_date IS NULL
               OR (u.current_expiry_date < '2025-12-16' AND u.current_expiry_date >= '2025-10-01' AND NOT u.current_revoked))
        ORDER BY u.login_id LIMIT $1`,
      [count * 3],
    );
    const identities = [];
    const refusals = new Map();
    let next = 0;
    const worker = async () => {
      while (identities.length < count && next < candidates.length) {
        const user = candidates[next++];
        const { keyPem, csrPem } = await newKeyRequest();
        const agent = new Agent({ ca: server.serverCa });
        const res = await ibRequest(
          server,
          agent,
          'POST',
          '/ib/acquisitions',
          {
            creditUnionCode: user.code,
            loginId: user.loginId,
            pin: process.env.DEMO_PIN || '1234',
            confirmationPin: process.env.DEMO_CONFIRMATION_PIN || '5678',
            csr: csrPem,
          },
          `127.0.2.${(next % 250) + 1}`,
        );
        agent.destroy();
        if (res.status === 201)
          identities.push({
            keyPem,
            certPem: res.body.certificatePem,
            loginId: user.loginId,
          });
        else {
          const why = `${res.status} ${res.body?.code ?? ''}`;
          refusals.set(why, (refusals.get(why) ?? 0) + 1);
        }
      }
    };
    await Promise.all([worker(), worker()]);
    if (identities.length < count)
      fail(
        `only ${identities.length} of ${count} IB certificates acquired (refusals ${JSON.stringify(Object.fromEntries(refusals))}; log ${server.logFile})`,
      );
    return identities;
  } finally {
    await stopChild(server.child);
  }
}

/** Both steps; returns the IB identities and how long each step took. */
export async function prepareData({ identities, customers, creditUnions }) {
  const db = soakDatabase();
  await db.recreate();
  let t0 = performance.now();
  const acquired = await acquireIdentities(db, identities);
  const acquireSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const seeded = await cli(
    soakEnv(db.url, NOW, { DEMO_DATA: 'off', NOTICE_WORKER: 'off' }),
    [
      'seed',
      '--credit-unions',
      String(creditUnions),
      '--customers',
      String(customers),
      '--first-code',
      STAFF_CODE,
      '--demo-staff',
      // Another generator seed than the demo data's: its ids would collide.
      '--seed',
      '20261203',
    ],
  );
  const seedSeconds = (performance.now() - t0) / 1000;
  await db.query('VACUUM ANALYZE');
  return { db, identities: acquired, acquireSeconds, seedSeconds, seeded };
}
