// CPU time per request in bench:search: whose processor time a measured window used — the API
// process, the benchmark database's PostgreSQL backends, this process (autocannon, the load
// generator) and the rest of the machine — read from Linux's /proc (utime + stime). Written by
// hand: a few fields of three files, and no well-kept package reads the CPU of another database's
// backends (pidusage reads one pid). Off Linux, or where /proc cannot be read: no columns.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** Milliseconds per clock tick of /proc's counters (CLK_TCK; Linux's is 100 nearly everywhere). */
function tickMs() {
  try {
    return 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString());
  } catch {
    return 10;
  }
}
const TICK_MS = process.platform === 'linux' ? tickMs() : NaN;

/** utime + stime of one process in ms (throws if it is gone). */
function processCpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after "pid (comm) ": state is the first, utime the 12th, stime the 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/**
 * CPU in ms of each PostgreSQL backend connected to `database`, by pid (a backend's process title
 * is `postgres: [cluster: ]user database host activity`). Other databases' work, the server's
 * shared writers (WAL, checkpoints) and its parallel and autovacuum workers, whose titles name no
 * database, are left to the rest of the machine.
 */
function backendsCpuMs(database) {
  const title = new RegExp(`^postgres: (?:\\S+: )?\\S+ ${database} `);
  const backends = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (title.test(readFileSync(`/proc/${entry}/cmdline`, 'utf8')))
        backends.set(entry, processCpuMs(entry));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return backends;
}

/** Busy CPU time of the whole machine in ms: all cores, idle, I/O wait and steal excluded. */
function machineBusyMs() {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .map(Number);
  // user nice system idle iowait irq softirq (guest time is already in user; steal is the
  // hypervisor's, given to another machine).
  const [user, nice, system, , , irq, softirq] = ticks;
  return (user + nice + system + irq + softirq) * TICK_MS;
}

/**
 * A reading of the counters for the server `pid` and, on PostgreSQL, the backends of its database
 * (`postgresDatabase`, else null); null where they cannot be read. {@link cpuPerRequest} turns two
 * readings into ms per request.
 */
export function readCpu(pid, postgresDatabase) {
  if (Number.isNaN(TICK_MS)) return null;
  try {
    const own = process.cpuUsage();
    return {
      server: processCpuMs(pid),
      backends: postgresDatabase ? backendsCpuMs(postgresDatabase) : null,
      client: (own.user + own.system) / 1000,
      machine: machineBusyMs(),
    };
  } catch {
    return null;
  }
}

/**
 * The database's CPU between two readings: each backend's own growth, counted from 0 for one that
 * connected in between (one that ended in between took its figures with it). Null if none was seen:
 * the backends' titles could not be read, which is not the same as 0.
 */
function backendsDelta(before, after) {
  if (after.size === 0) return null;
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** CPU ms per request between two readings: server, database, client, and the rest of the machine. */
export function cpuPerRequest(before, after, requests) {
  if (!before || !after || requests === 0) return null;
  const per = (key) => (after[key] - before[key]) / requests;
  const server = per('server');
  const client = per('client');
  const backends =
    after.backends && backendsDelta(before.backends, after.backends);
  const database = backends === null ? null : backends / requests;
  return {
    server,
    database,
    client,
    other: Math.max(0, per('machine') - server - (database ?? 0) - client),
  };
}
