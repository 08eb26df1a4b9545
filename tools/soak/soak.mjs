#!/usr/bin/env node
// Soak: the built API under a realistic, steady load for a long time, on PostgreSQL, one or several processes.
//
//   npm run soak -- [--minutes 30] [--rps 200] [--processes 1] [--customers 5000] [--identities 40]
//
// Makes its own database (SOAK_DATABASE_URL, default postgres://root@127.0.0.1:5432/certdesk_soak; dropped and
// created again each run through BENCH_ADMIN_URL), prepares the data (setup.mjs), starts --processes API processes
// on it (loopback; notice worker on in each, clock pinned to 2026-12-01 09:00 JST) and sends --rps requests per
// second at a fixed arrival rate (open loop: a slow server gets more requests in flight, not fewer requests),
// spread over the processes in turn as a load balancer would: searches by name, contract and status, customer
// pages, the dashboard, reports, IB log-ons over mutual TLS (a TLS handshake with the client certificate each),
// and at their own steady rates IB renewals (0.5/s) and reissue requests with a manager's approval (0.2/s).
// Prints every error, p50/p95/p99 per kind, each process's RSS after start-up, after the first minute (the
// baseline: caches and JIT warm) and at the end, and the load average. Targets: 0 errors, RSS growth ≤ 10 %
// (the lowest sample of the last fifth of the run against the first fifth after the baseline: RSS
// saw-tooths with garbage collection, and a leak shows in the troughs). Writes tmp/soak/last-run.md and
// last-run.json. A measurement: the exit code is 1 when a target is missed.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BenchError,
  MAIN_JS,
  ROOT,
  children,
  stopChild,
} from '../bench/lib/environment.mjs';
import { parseOptions } from '../bench/lib/prepare.mjs';
import { SOAK_DIR, rssMiB, soakEnv, startApi } from './servers.mjs';
import { NOW, prepareData } from './setup.mjs';
import { FOLLOW_UP, STEADY, WEIGHTED, workload } from './workload.mjs';

const TICK_MS = 20;
const MAX_IN_FLIGHT = 2000;
const RSS_TARGET = 0.1;
const BASELINE_AFTER_MS = 60_000;
const FINE_SAMPLE_MS = 10_000;

function percentile(sorted, q) {
  if (sorted.length === 0) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  ];
}

function errorClass(error) {
  if (error?.status) return `HTTP ${error.status}`;
  if (error?.name === 'TimeoutError' || /timeout/i.test(error?.message ?? ''))
    return 'no answer within 60 s';
  return `connection ${error?.code ?? error?.cause?.code ?? error?.message ?? 'error'}`;
}

class Stats {
  kinds = new Map();
  groups = new Map();
  inFlight = 0;
  shed = 0;
  kind(name) {
    if (!this.kinds.has(name))
      this.kinds.set(name, { times: [], errors: 0, skipped: 0 });
    return this.kinds.get(name);
  }
  async run(name, fn, arg) {
    if (this.inFlight >= MAX_IN_FLIGHT) {
      this.shed++;
      return undefined;
    }
    this.inFlight++;
    const k = this.kind(name);
    const t0 = performance.now();
    try {
      const result = await fn(arg);
      if (result === 'skipped') k.skipped++;
      else k.times.push(performance.now() - t0);
      return result;
    } catch (error) {
      k.errors++;
      const what = `${name}: ${error?.status ?? error?.code ?? ''} ${error?.message ?? error}`;
      // Grouped by kind and class: an HTTP answer (the server's verdict, a bug unless overload says 503) or none
      // (no answer within 60 s, a reset connection: what an overloaded machine does).
      const group = `${name} — ${errorClass(error)}`;
      const seen = this.groups.get(group);
      if (seen) seen.count++;
      else {
        this.groups.set(group, {
          count: 1,
          first: new Date().toISOString(),
          example: what.slice(0, 300),
        });
        console.log(`  !! ${what}`);
      }
      return undefined;
    } finally {
      this.inFlight--;
    }
  }
}

function weightedPicker(weights) {
  const entries = Object.entries(weights);
  const total = entries.reduce((n, [, w]) => n + w, 0);
  return () => {
    let r = Math.random() * total;
    for (const [name, w] of entries) if ((r -= w) < 0) return name;
    return entries[entries.length - 1][0];
  };
}

const mib = (v) => (Number.isFinite(v) ? v.toFixed(0) : '—');
const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : '—');

async function main() {
  const options = parseOptions(
    process.argv.slice(2),
    {
      minutes: 30,
      rps: 200,
      processes: 1,
      customers: 5000,
      identities: 40,
      'credit-unions': 1,
    },
    {
      minutes: 1,
      rps: 1,
      processes: 1,
      customers: 100,
      identities: 4,
      'credit-unions': 1,
    },
    'npm run soak -- [--minutes 30] [--rps 200] [--processes 1] [--customers 5000] [--identities 40] [--credit-unions 1]',
  );
  mkdirSync(SOAK_DIR, { recursive: true });
  const startedAt = new Date();
  console.log(
    `Soak ${startedAt.toISOString()}: ${options.minutes} min at ${options.rps} req/s on ${options.processes} API process(es); ` +
      `${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
  console.log(`  preparing the data (${relative(ROOT, MAIN_JS)}) …`);
  const data = await prepareData({
    identities: options.identities,
    customers: options.customers,
    creditUnions: options['credit-unions'],
  });
  console.log(
    `  database ${data.db.name}: ${data.identities.length} IB certificates acquired in ${data.acquireSeconds.toFixed(1)} s; ` +
      `staff data seeded in ${data.seedSeconds.toFixed(1)} s (${data.seeded.split('\n').pop()})`,
  );

  const env = soakEnv(data.db.url, NOW, {
    DEMO_DATA: 'off',
    NOTICE_WORKER: 'on',
  });
  const servers = [];
  for (let i = 0; i < options.processes; i++)
    servers.push(await startApi(`api-${i + 1}`, env));
  const rss = servers.map((s) => ({
    name: s.name,
    pid: s.child.pid,
    boot: rssMiB(s.child.pid),
    samples: [],
    fine: [],
  }));
  const { ops, customers, reissuable } = await workload(
    servers,
    data.identities,
  );
  console.log(
    `  ${servers.map((s) => `${s.name} pid ${s.child.pid} ${s.base} IB :${s.ibPort}`).join('; ')}; ` +
      `${customers} customers and ${reissuable} reissuable IB users read through the API`,
  );

  const stats = new Stats();
  const pickKind = weightedPicker(WEIGHTED);
  const steadyRps = Object.values(STEADY).reduce((a, b) => a + b, 0);
  const weightedRps = Math.max(0, options.rps - steadyRps);
  const durationMs = options.minutes * 60_000;
  const loads = [];
  const credit = Object.fromEntries([
    ['*', 0],
    ...Object.keys(STEADY).map((k) => [k, 0]),
  ]);
  const pending = new Set();
  const launch = (name, arg) => {
    const p = stats.run(name, ops[name], arg).then((result) => {
      if (result && result.followUp) {
        // The manager decides a moment later, on whichever process the balancer picks.
        const follow = sleep(1000 + Math.random() * 2000).then(() =>
          stats.run(FOLLOW_UP, ops[FOLLOW_UP], result.followUp),
        );
        pending.add(follow);
        follow.finally(() => pending.delete(follow));
      }
    });
    pending.add(p);
    p.finally(() => pending.delete(p));
  };

  const t0 = performance.now();
  let lastReport = t0;
  let lastFine = t0;
  let lastTick = t0;
  let sent = 0;
  const baselineAfter = Math.min(BASELINE_AFTER_MS, durationMs / 5);
  for (;;) {
    const now = performance.now();
    const elapsed = now - t0;
    if (elapsed >= durationMs) break;
    // Credit for the time that really passed (a late timer must not lower the rate).
    const since = (now - lastTick) / 1000;
    lastTick = now;
    credit['*'] += weightedRps * since;
    for (const k of Object.keys(STEADY)) credit[k] += STEADY[k] * since;
    while (credit['*'] >= 1) {
      credit['*']--;
      sent++;
      launch(pickKind());
    }
    for (const k of Object.keys(STEADY))
      while (credit[k] >= 1) {
        credit[k]--;
        sent++;
        launch(k);
      }
    if (rss[0].baseline === undefined && elapsed >= baselineAfter)
      for (const r of rss) r.baseline = rssMiB(r.pid);
    if (elapsed >= baselineAfter && now - lastFine >= FINE_SAMPLE_MS) {
      lastFine = now;
      for (const r of rss) r.fine.push(rssMiB(r.pid));
    }
    if (now - lastReport >= 60_000) {
      lastReport = now;
      const load = os.loadavg()[0];
      loads.push(load);
      for (const r of rss) r.samples.push(rssMiB(r.pid));
      const errors = [...stats.kinds.values()].reduce(
        (n, k) => n + k.errors,
        0,
      );
      console.log(
        `  ${(elapsed / 60_000).toFixed(0).padStart(3)} min: ${sent} sent, ${stats.inFlight} in flight, ${errors} errors, ` +
          `load ${load.toFixed(2)}, RSS ${rss.map((r) => `${r.name} ${mib(r.samples.at(-1))} MiB`).join(', ')}`,
      );
    }
    await sleep(TICK_MS);
  }
  const sendingSeconds = (performance.now() - t0) / 1000;
  console.log(
    `  sending stopped after ${sendingSeconds.toFixed(0)} s; waiting for ${pending.size} answers …`,
  );
  while (pending.size) await Promise.allSettled([...pending]);
  for (const r of rss) r.end = rssMiB(r.pid);
  loads.push(os.loadavg()[0]);
  const alive = servers.map(
    (s) => s.child.exitCode === null && s.child.signalCode === null,
  );
  for (const s of servers) await stopChild(s.child);

  // ------------------------------------------------------------------------------------------ report
  const rows = [...stats.kinds].map(([name, k]) => {
    const sorted = Float64Array.from(k.times).sort();
    return {
      kind: name,
      requests: k.times.length + k.errors,
      perSecond: (k.times.length + k.errors) / sendingSeconds,
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      p99: percentile(sorted, 0.99),
      errors: k.errors,
      skipped: k.skipped,
    };
  });
  rows.sort((a, b) => b.requests - a.requests);
  const totalErrors = rows.reduce((n, r) => n + r.errors, 0);
  const total = rows.reduce((n, r) => n + r.requests, 0);
  // RSS saw-tooths with garbage collection (200–350 MiB within minutes at 200 req/s here), so one sample
  // at the end says little about a leak: growth compares the troughs (what is left after collection),
  // the lowest 10-s sample of the last fifth of the run against the lowest of the first fifth after
  // the baseline. The end sample against the baseline is printed beside it.
  const growth = (r) => {
    const n = Math.max(1, Math.floor(r.fine.length / 5));
    return Math.min(...r.fine.slice(-n)) / Math.min(...r.fine.slice(0, n)) - 1;
  };
  const endGrowth = (r) => (r.end - r.baseline) / r.baseline;
  const rssOk = rss.every((r) => growth(r) <= RSS_TARGET);
  const lines = [
    `Soak ${startedAt.toISOString()} — ${options.minutes} min, ${options.rps} req/s asked (${(total / sendingSeconds).toFixed(1)} answered/s), ` +
      `${options.processes} API process(es) on PostgreSQL (${data.db.name}), ${os.cpus().length} × ${os.cpus()[0]?.model?.trim()}, Node ${process.version}`,
    `load average during the run (1-min, sampled each minute): min ${Math.min(...loads).toFixed(2)}, ` +
      `mean ${(loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length)).toFixed(2)}, max ${Math.max(...loads).toFixed(2)}`,
    '',
    '| kind | requests | per s | p50 ms | p95 ms | p99 ms | errors |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.kind} | ${r.requests} | ${r.perSecond.toFixed(2)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.errors} |`,
    ),
    `| **all** | ${total} | ${(total / sendingSeconds).toFixed(1)} | | | | ${totalErrors} |`,
    '',
    '| process | RSS after start | baseline (after 1 min) | end | end vs baseline | growth (trough, last fifth vs first) | per-minute samples |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...rss.map(
      (r) =>
        `| ${r.name} | ${mib(r.boot)} MiB | ${mib(r.baseline)} MiB | ${mib(r.end)} MiB | ${(endGrowth(r) * 100).toFixed(1)} % | ${(growth(r) * 100).toFixed(1)} % | ${r.samples.map(mib).join(' ')} |`,
    ),
    '',
    `requests shed by the client (more than ${MAX_IN_FLIGHT} in flight): ${stats.shed}; ` +
      `processes alive at the end: ${alive.filter(Boolean).length}/${alive.length}`,
    `targets: 0 errors — ${totalErrors === 0 ? 'met' : `MISSED (${totalErrors})`}; RSS growth ≤ ${RSS_TARGET * 100} % — ${rssOk ? 'met' : 'MISSED'}`,
  ];
  if (stats.groups.size)
    lines.push(
      '',
      'errors by kind and class (count, first at, first example):',
      ...[...stats.groups].map(
        ([group, g]) =>
          `- ${group}: ${g.count} (first ${g.first}) — ${g.example}`,
      ),
    );
  const text = lines.join('\n');
  console.log(`\n${text}`);
  writeFileSync(join(SOAK_DIR, 'last-run.md'), `${text}\n`);
  writeFileSync(
    join(SOAK_DIR, 'last-run.json'),
    JSON.stringify(
      {
        startedAt,
        options,
        loads,
        rows,
        rss,
        errors: Object.fromEntries(stats.groups),
        shed: stats.shed,
      },
      null,
      2,
    ),
  );
  console.log(
    `(also in ${relative(ROOT, join(SOAK_DIR, 'last-run.md'))}; process logs in ${relative(ROOT, SOAK_DIR)}/api-*.log)`,
  );
  if (totalErrors || !rssOk || stats.shed || !alive.every(Boolean))
    process.exitCode = 1;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(
      `\nsoak failed: ${error instanceof BenchError ? error.message : (error?.stack ?? error)}`,
    );
    for (const child of children) child.kill('SIGKILL');
    process.exit(1);
  },
);
