import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection, run between the batches of a long report read (see `batches`).
 *
 * V8 sizes its old generation by how fast a program allocates, not by what it keeps. A streamed export keeps
 * about 40 MB live, but allocates a few KB per row (driver rows, row objects, cells, CSV text, the encoded
 * chunk) that die once the batch is written; survivors of the young generation's scavenges are promoted, and
 * V8 let the old generation reach about four times the live set before collecting it: 100,000 rows peaked at
 * 250 MB RSS on PostgreSQL in CP932. Collecting every few batches (a few milliseconds with this live set)
 * keeps the peak where the live set is. `gc` is exposed at run time, so no node flag is needed to start the
 * API; where that is refused, this does nothing and only the peak grows.
 */
function exposeGc(): () => void {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc === 'function') return () => gc();
  } catch {
    // not available: fall through
  }
  return () => undefined;
}

export const collectGarbage = exposeGc();
