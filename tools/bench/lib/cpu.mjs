// CPU time per request in bench:search: whose processor time a measured window used — the API process, the
// benchmark database's PostgreSQL backends, this process (autocannon, the load generator) and the rest of the
// machine — read from Linux's /proc (utime + stime). Written by hand: it is a few fields of three files, and no
// well-kept package reads another process's CPU time by database (pidusage sums one pid). Elsewhere: no columns.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

const LINUX = process.platform === 'linux';
/** Milliseconds per clock tick of /proc's counters (CLK_TCK, 100 on Linux). */
const TICK_MS = LINUX
  ? 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim())
  : NaN;

/** utime + stime of one process in ms, or 0 if it is gone. */
function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "pid (comm) ": state is the first, utime the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/**
 * CPU of the PostgreSQL backends connected to `database` (their process title is
 * `postgres: [cluster: ]user database host activity`): other databases' work and the server's shared
 * writers (WAL, checkpoints) are left to the rest of the machine.
 */
function postgresCpuMs(database) {
  const title = new RegExp(`^postgres: (?:\\S+: )?\\S+ ${database} `);
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.test(args)) total += processCpuMs(entry);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}

/** Busy CPU time of the whole machine (all cores, idle and I/O wait excluded) in ms. */
function machineBusyMs() {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already in user).
  const busy =
    ticks.slice(0, 8).reduce((sum, t) => sum + t, 0) - ticks[3] - ticks[4];
  return busy * TICK_MS;
}

/**
 * A reading of the counters for the server `pid` and, on PostgreSQL, the backends of its database
 * (`postgresDatabase`, else null); {@link cpuPerRequest} turns two readings into ms per request.
 */
export function readCpu(pid, postgresDatabase) {
  if (!LINUX) return null;
  const own = process.cpuUsage();
  return {
    server: processCpuMs(pid),
    database: postgresDatabase ? postgresCpuMs(postgresDatabase) : 0,
    client: (own.user + own.system) / 1000,
    machine: machineBusyMs(),
  };
}

/** CPU ms per request between two readings: server, database, client, and the rest of the machine. */
export function cpuPerRequest(before, after, requests) {
  if (!before || !after || requests === 0) return null;
  // A backend that ended between the readings takes its CPU with it: never below zero.
  const per = (key) => Math.max(0, (after[key] - before[key]) / requests);
  const server = per('server');
  const database = per('database');
  const client = per('client');
  return {
    server,
    database,
    client,
    other: Math.max(0, per('machine') - server - database - client),
  };
}
