#!/usr/bin/env node
// Single-query timings of the certificate search's company-name forms, one at a time (no load), on a seeded database:
// the page query of GET /api/certificates?q=… (sort by expiry, 50 per page) as certificate-search.service.ts builds
// it, once per way of matching the name. `customer`: the customer's search_key (before migration …250: an IN/EXISTS
// on customer per IB user); `ib_user`: the IB user's own copy, company_key (…250). Both run on the same data.
//
//   node tools/bench/name-search-plans.mjs [--postgres URL] [--sqlite FILE] [--runs 7] [--forms customer,ib_user]
//
// PostgreSQL: EXPLAIN (ANALYZE, BUFFERS) per run, median execution and planning time; SQLite: wall time of the
// prepared statement per run (median). The load average is printed beside each database's figures.
import os from 'node:os';
import Database from 'better-sqlite3';
import pg from 'pg';

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .join(' ')
    .split(/\s*--/)
    .filter(Boolean)
    .map((a) => a.split(/\s+/, 2)),
);
const RUNS = Number(args.runs ?? 7);
const FORMS = (args.forms ?? 'customer,ib_user').split(',');
const LIMIT = 51;
// searchKey() of each query (libs/domain kana.ts): these fold to themselves.
const CASES = [
  { name: 'ヤマダ (common)', key: 'ヤマダ' },
  { name: '山田設計事務所 (rare)', key: '山田設計事務所' },
  { name: 'ミドリエンゲイ (no match)', key: 'ミドリエンゲイ' },
  { name: '0000012345 (contract)', key: '0000012345', contract: true },
];
const STATUS = {
  stValidAfter: '2026-12-31',
  stToday: '2026-12-01',
  stYesterday: '2026-11-30',
  stSelfServiceFrom: '2026-10-02',
};
const SORT = "COALESCE(u.current_expiry_date, '9999-12-31')";

/** The name condition on IB user `u` of one form; `walk`: SQLite's expiry-order walk (else its FTS5 collect). */
function nameCondition(form, u, sqlite, walk, short) {
  if (form === 'customer') {
    if (sqlite && walk)
      return `EXISTS (SELECT 1 FROM customer nc WHERE nc.id = ${u}.customer_id AND nc.search_key LIKE :qKey)`;
    const fts =
      sqlite && !short
        ? ' AND nc.rowid IN (SELECT rowid FROM customer_search WHERE customer_search MATCH :qPhrase)'
        : '';
    return `${u}.customer_id IN (SELECT nc.id FROM customer nc WHERE nc.credit_union_id = :cu AND nc.search_key LIKE :qKey${fts})`;
  }
  if (!sqlite || walk) return `${u}.company_key LIKE :qKey`;
  return `${u}.company_key LIKE :qKey AND ${u}.rowid IN (SELECT rowid FROM ib_user_search WHERE ib_user_search MATCH :qPhrase)`;
}

/** The whole statement (page query joined to its details), with :named parameters. */
function statement(form, c, sqlite, walk) {
  const short = [...c.key].length < 3;
  let where = nameCondition(form, 'u', sqlite, walk, short);
  if (c.contract) {
    const name = nameCondition(form, 'nu', sqlite, false, short);
    where = `u.id IN (SELECT lu.id FROM ib_user lu WHERE lu.credit_union_id = :cu AND LOWER(lu.login_id) = :qLogin
      UNION SELECT iu.id FROM ib_user iu JOIN customer ic ON ic.id = iu.customer_id WHERE iu.credit_union_id = :cu AND ic.credit_union_id = :cu AND ic.contract_number IN (:qContract1, :qContract2)
      UNION SELECT x.ib_user_id FROM certificate x WHERE x.credit_union_id = :cu AND x.serial_hex IN (:qSerial1, :qSerial2)
      UNION SELECT nu.id FROM ib_user nu WHERE nu.credit_union_id = :cu AND ${name})`;
  }
  return `SELECT u.id AS u_id, u.login_id, u.name, u.current_expiry_date AS expiry, c.id AS c_id, c.contract_number,
      c.company_name, c.company_name_kana, b.code AS branch_code, c.status AS customer_status, u.status AS ib_user_status,
      p.sort_key,
      CASE WHEN u.reissue_state = 'pending' THEN 'reissue_pending' WHEN u.current_revoked = TRUE THEN 'revoked'
        WHEN u.current_expiry_date IS NULL THEN 'not_issued' WHEN u.current_expiry_date > :stValidAfter THEN 'valid'
        WHEN u.current_expiry_date >= :stToday THEN 'renewal_due' WHEN u.current_expiry_date >= :stSelfServiceFrom THEN 'expired'
        ELSE 'reissue_required' END AS status
    FROM (SELECT u.id AS pid, ${SORT} AS sort_key FROM ib_user u WHERE u.credit_union_id = :cu AND ${where}
      ORDER BY ${SORT} ASC, u.id ASC LIMIT ${LIMIT}) p
    JOIN ib_user u ON u.id = p.pid JOIN customer c ON c.id = u.customer_id JOIN branch b ON b.id = c.branch_id
    ORDER BY p.sort_key ASC, p.pid ASC`;
}

function parameters(c, cu) {
  return {
    cu,
    qKey: `%${c.key}%`,
    qPhrase: `"${c.key}"`,
    qLogin: c.key.toLowerCase(),
    qContract1: c.key,
    qContract2: c.key.padStart(10, '0'),
    qSerial1: c.key.replace(/^0+/, ''),
    qSerial2: c.key,
    ...STATUS,
  };
}

/** :name → $n (PostgreSQL), only the names the text uses. */
function positional(sql, params) {
  const names = [];
  const text = sql.replace(/:(\w+)/g, (_, name) => {
    if (!names.includes(name)) names.push(name);
    return `$${names.indexOf(name) + 1}`;
  });
  return [text, names.map((n) => params[n])];
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

async function postgres(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET max_parallel_workers_per_gather = 0'); // as the API (data-source-options.ts)
    const [{ id: cu }] = (
      await client.query("SELECT id FROM credit_union WHERE code = '1001'")
    ).rows;
    console.log(`\nPostgreSQL ${url} — load average ${load()}`);
    for (const c of CASES)
      for (const form of FORMS) {
        const [text, values] = positional(
          statement(form, c, false, false),
          parameters(c, cu),
        );
        const exec = [];
        const plan = [];
        let rows = 0;
        let shown = '';
        for (let i = 0; i < RUNS; i++) {
          const result = await client.query(
            `EXPLAIN (ANALYZE, BUFFERS) ${text}`,
            values,
          );
          const lines = result.rows.map((r) => r['QUERY PLAN']);
          exec.push(
            Number(/Execution Time: ([\d.]+)/.exec(lines.join('\n'))[1]),
          );
          plan.push(
            Number(/Planning Time: ([\d.]+)/.exec(lines.join('\n'))[1]),
          );
          rows = Number(
            /rows=(\d+) loops/.exec(lines[0].split('(actual')[1])[1],
          );
          shown = lines.join('\n');
        }
        console.log(
          `  ${c.name.padEnd(26)} ${form.padEnd(8)} execution ${median(exec).toFixed(2)} ms (min ${Math.min(...exec).toFixed(2)}), planning ${median(plan).toFixed(2)} ms, ${rows} rows`,
        );
        if ('plans' in args) console.log(shown.replace(/^/gm, '      '));
      }
    console.log(`  load average after: ${load()}`);
  } finally {
    await client.end();
  }
}

function sqlite(file) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const { id: cu } = db
      .prepare("SELECT id FROM credit_union WHERE code = '1001'")
      .get();
    console.log(`\nSQLite ${file} — load average ${load()}`);
    const vocab = (table, key) => {
      const chars = [...key.toLowerCase()];
      const grams = [
        ...new Set(
          chars.slice(0, -2).map((_, i) => chars.slice(i, i + 3).join('')),
        ),
      ];
      if (!grams.length) return 0;
      const row = db
        .prepare(
          `SELECT COUNT(*) AS terms, MIN(doc) AS docs FROM ${table} WHERE term IN (${grams.map(() => '?').join(', ')})`,
        )
        .get(grams);
      return row.terms === grams.length ? row.docs : 0;
    };
    for (const c of CASES)
      for (const form of FORMS) {
        const table =
          form === 'customer'
            ? 'customer_search_terms'
            : 'ib_user_search_terms';
        // COMMON_NAME_… of name-match.repository.ts: 3,000 customers before, 3,000 IB users since …250.
        const chosen = !c.contract && vocab(table, c.key) >= 3000;
        for (const walk of c.contract ? [false] : [false, true]) {
          const sql = statement(form, c, true, walk);
          const params = parameters(c, cu);
          const stmt = db.prepare(sql);
          const bound = Object.fromEntries(
            Object.entries(params).filter(([k]) => sql.includes(`:${k}`)),
          );
          const times = [];
          let rows = 0;
          for (let i = 0; i < RUNS; i++) {
            const started = performance.now();
            rows = stmt.all(bound).length;
            times.push(performance.now() - started);
          }
          const mark = walk === chosen ? '*' : ' ';
          console.log(
            `  ${c.name.padEnd(26)} ${form.padEnd(8)} ${walk ? 'walk   ' : 'collect'}${mark} ${median(times).toFixed(2)} ms (min ${Math.min(...times).toFixed(2)}), ${rows} rows`,
          );
          if ('plans' in args)
            for (const r of db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(bound))
              console.log(`      ${r.detail}`);
        }
      }
    console.log(
      `  (* the form the code chooses) load average after: ${load()}`,
    );
  } finally {
    db.close();
  }
}

if (args.postgres) await postgres(args.postgres);
if (args.sqlite) sqlite(args.sqlite);
