// The command line of a benchmark and the database it measures, made ready: shared by bench:search and bench:export.
import {
  CREDIT_UNIONS,
  StartError,
  ensureData,
  fail,
  startServer,
} from './environment.mjs';

/**
 * The command line of a benchmark: `--only postgres|sqlite`, `--reseed`, `--help`, and the integer options named in
 * `integers` (`{ duration: 1 }`: `--duration N`, N ≥ 1), as `--name N` or `--name=N`, over `defaults`.
 */
export function parseOptions(argv, defaults, integers, usage) {
  const options = { only: null, reseed: false, ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i] ?? fail(`${flag} needs a value`);
    const name = flag.replace(/^--/, '');
    if (flag === '--help' || flag === '-h') {
      console.log(usage);
      process.exit(0);
    } else if (flag === '--reseed') {
      options.reseed = true;
    } else if (flag === '--only') {
      const only = value();
      if (only !== 'postgres' && only !== 'sqlite')
        fail(`--only must be postgres or sqlite (got ${only})`);
      options.only = only;
    } else if (flag.startsWith('--') && Object.hasOwn(integers, name)) {
      const raw = value();
      const n = Number(raw);
      if (!Number.isInteger(n) || n < integers[name])
        fail(`--${name} must be an integer ≥ ${integers[name]} (got ${raw})`);
      options[name] = n;
    } else {
      fail(`unknown option ${argv[i]} (try --help)`);
    }
  }
  return options;
}

/**
 * A database ready to measure: reachable (else skipped, or a failure when it was asked for with --only), holding the
 * benchmark data (seeded when not), and the built API started on it. A server that will not start on reused data
 * (typically a migration edited since) gets the data rebuilt once. Null when skipped.
 */
export async function prepare(target, options, creditUnions = CREDIT_UNIONS) {
  const { ok, version, reason } = await target.reachable();
  if (!ok) {
    const message = `${target.label} is not reachable (${reason})`;
    if (options.only === target.kind) fail(message);
    console.log(`\n== ${target.label}: skipped — ${message}`);
    return null;
  }
  console.log(`\n== ${target.label} (${version}) — ${target.where}`);
  let data = await ensureData(
    target,
    options.certificates,
    options.reseed,
    creditUnions,
  );
  let server;
  try {
    server = await startServer(target);
  } catch (error) {
    if (!(error instanceof StartError) || data.seeded) throw error;
    console.log(
      `  the server did not start on the existing data:\n${error.message.replace(/^/gm, '    ')}\n  rebuilding the data once with the current build`,
    );
    data = await ensureData(target, options.certificates, true, creditUnions);
    server = await startServer(target);
  }
  return { version, data, server };
}
