import { InitialSchema1764000000000 } from './1764000000000-initial-schema';

/** Every migration, in order. Listed explicitly: the API is bundled, so no file globs. */
export const MIGRATIONS = [InitialSchema1764000000000];
