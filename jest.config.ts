import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

export default async (): Promise<Config> => ({
  projects: await getJestProjectsAsync(),
  // A global option (ignored inside project configs): integration tests hash passwords with
  // argon2id and talk to real databases, which takes longer than jest's 5 s on a busy 2-core CI machine.
  testTimeout: 30_000,
});
