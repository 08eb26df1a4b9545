import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { AuditGuards1764000000001 } from './1764000000001-audit-guards';
import { StaffSessions1764000000002 } from './1764000000002-staff-sessions';
import { SearchIndexes1764000000070 } from './1764000000070-search-indexes';

/** Every migration, in order. Listed explicitly: the API is bundled, so no file globs. */
export const MIGRATIONS = [InitialSchema1764000000000, AuditGuards1764000000001, StaffSessions1764000000002, SearchIndexes1764000000070];
