// The report of bench:search: targets as ratios to the floor measured in the same run, and the Markdown table.
import os from 'node:os';

/** Targets (issue 20), in one run: a case's p95 at most this many times the floor's p95 … */
export const TARGET_RATIO = { search: 2, dashboard: 1.5 };
/** … and the floor answering at least this share of the bare node:http server's requests/s. */
export const TARGET_FLOOR_SHARE = 0.1;
export const FLOOR = 'health (floor)';

/** A run whose in-flight requests at the end exceed this share of all requests has understated percentiles. */
export const CENSORED_SHARE = 0.05;

export function ms(value) {
  return Number.isFinite(value) ? value.toFixed(1) : '—';
}

export function table(outcome) {
  const header = [
    'case',
    'requests/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'errors',
    '× floor p95',
    'target',
    'result',
  ];
  const floor = outcome.rows.find((r) => r.case === FLOOR);
  const body = outcome.rows.map((r) => {
    const target = r.kind ? TARGET_RATIO[r.kind] : null;
    const ratio = r.p95 / floor.p95;
    const mark = r.censored ? '*' : '';
    // No answer at all inside the window: every request took longer than the window.
    const cell = (v) =>
      (r.requests === 0 ? `> ${outcome.duration * 1000}` : ms(v)) + mark;
    return [
      r.case,
      r.rps < 10 ? r.rps.toFixed(1) : r.rps.toFixed(0),
      cell(r.p50),
      cell(r.p95),
      cell(r.p99),
      String(r.errors),
      Number.isFinite(ratio) ? ratio.toFixed(2) : '—',
      target === null ? '—' : `≤ ${target}×`,
      target === null ? '—' : ratio <= target ? 'PASS' : 'MISS',
    ];
  });
  const numeric = [false, true, true, true, true, true, true, false, false];
  const lines = [markdownTable(header, body, numeric)];
  for (const r of outcome.rows.filter((row) => row.errors)) {
    lines.push('', `errors on ${r.case}: ${r.detail}`);
  }
  lines.push(
    '',
    `floor / bare node:http requests/s: ${(outcome.floorShare * 100).toFixed(1)} % (target ≥ ${TARGET_FLOOR_SHARE * 100} %: ${outcome.floorShare >= TARGET_FLOOR_SHARE ? 'PASS' : 'MISS'})`,
  );
  if (outcome.rows.some((r) => r.censored)) {
    lines.push(
      '',
      `\\* more than ${CENSORED_SHARE * 100} % of the requests were still unanswered when the window closed: ` +
        'their (longer) times are missing, so these percentiles understate the latency.',
    );
  }
  return lines.join('\n');
}

/** A Markdown table: numbers right-aligned, padded by display width (kana are two columns wide). */
function markdownTable(header, body, numeric) {
  const width = (s) =>
    [...s].reduce(
      (w, ch) =>
        w + (/[\u3000-\u30ff\uff00-\uffef\u4e00-\u9fff]/.test(ch) ? 2 : 1),
      0,
    );
  const widths = header.map((h, i) =>
    Math.max(width(h), ...body.map((row) => width(row[i]))),
  );
  const line = (cells) =>
    `| ${cells.map((c, i) => (numeric[i] ? ' '.repeat(widths[i] - width(c)) + c : c + ' '.repeat(widths[i] - width(c)))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

/**
 * Where each case's time goes (CPU ms per answered request, lib/cpu.mjs) and what the targets ask
 * of the machine: the floor at its share of the bare server's requests/s, and each case at the
 * floor's rate over its p95 ratio (with a fixed number of connections the mean latency goes as
 * 1 / requests/s, Little's law; the p95 is taken to follow it). Cores = that rate × the CPU a
 * request took here, the load generator's included; a server column over 1 core needs more than
 * one process's main thread.
 */
export function cpuTable(outcome) {
  const rows = outcome.rows.filter((r) => r.cpu);
  if (rows.length === 0)
    return 'CPU per request: not measured (Linux /proc only).';
  const bare = outcome.rows[0];
  const floorRate = TARGET_FLOOR_SHARE * bare.rps;
  const body = rows.map((r) => {
    const rate =
      r === bare
        ? null
        : r.case === FLOOR
          ? floorRate
          : r.kind
            ? floorRate / TARGET_RATIO[r.kind]
            : null;
    const total = r.cpu.server + (r.cpu.database ?? 0) + r.cpu.client;
    const cores = (v) => (rate === null ? '—' : ((rate * v) / 1000).toFixed(2));
    return [
      r.case,
      r.cpu.server.toFixed(3),
      r.cpu.database === null ? '—' : r.cpu.database.toFixed(3),
      r.cpu.client.toFixed(3),
      r.cpu.other.toFixed(3),
      rate === null ? '—' : rate.toFixed(0),
      cores(r.cpu.server),
      cores(total),
    ];
  });
  return [
    markdownTable(
      [
        'case',
        'server ms/req',
        'database ms/req',
        'load generator ms/req',
        'rest of machine ms/req',
        'req/s the targets need',
        'server cores',
        'cores (all three)',
      ],
      body,
      [false, true, true, true, true, true, true, true],
    ),
    '',
    `CPU per answered request (utime + stime; the database column is the benchmark database's PostgreSQL backends ` +
      `(— where none was seen); SQLite runs in the server). Needed: the floor at ${TARGET_FLOOR_SHARE * 100} % of the bare server's ${bare.rps.toFixed(0)} req/s, ` +
      `each case at that rate over its p95 ratio; cores = needed req/s × CPU per request (this machine: ${os.cpus().length}).`,
  ].join('\n');
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    model: cpus[0]?.model?.trim() ?? 'unknown',
    memoryGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
  };
}
