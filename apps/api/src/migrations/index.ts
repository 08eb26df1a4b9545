import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { AuditGuards1764000000001 } from './1764000000001-audit-guards';
import { StaffSessions1764000000002 } from './1764000000002-staff-sessions';
import { CertificateAuthority1764000000003 } from './1764000000003-certificate-authority';
import { Notices1764000000050 } from './1764000000050-notices';
import { Reissues1764000000060 } from './1764000000060-reissues';
import { SearchIndexes1764000000070 } from './1764000000070-search-indexes';
import { IbChannel1764000000080 } from './1764000000080-ib-channel';
import { ReportIndexes1764000000085 } from './1764000000085-report-indexes';
import { IbUserCounts1764000000090 } from './1764000000090-ib-user-counts';
import { CustomerSearchSqlite1764000000095 } from './1764000000095-customer-search-sqlite';
import { AttemptCounters1764000000100 } from './1764000000100-attempt-counters';
import { AuditKeyedChain1764000000110 } from './1764000000110-audit-keyed-chain';
import { RenewalOverlap1764000000140 } from './1764000000140-renewal-overlap';
import { CaKeystore1764000000150 } from './1764000000150-ca-keystore';
import { StaffChangeRequests1764000000160 } from './1764000000160-staff-change-requests';
import { NoticeRunClaim1764000000170 } from './1764000000170-notice-run-claim';
import { SecondFactor1764000000200 } from './1764000000200-second-factor';
import { PasskeyLogin1764000000201 } from './1764000000201-passkey-login';
import { Closures1764000000210 } from './1764000000210-closures';
import { ImportRuns1764000000220 } from './1764000000220-import-runs';
import { NoticeMarker1764000000230 } from './1764000000230-notice-marker';
import { IbUserCompanyKey1764000000250 } from './1764000000250-ib-user-company-key';
import { NoticeOutboxReferences1764000000260 } from './1764000000260-notice-outbox-references';
import { NoticeMarkerTable1764000000270 } from './1764000000270-notice-marker-table';
import { OutboxLeasePartial1764000000280 } from './1764000000280-outbox-lease-partial';
import { SearchSortCovering1764000000290 } from './1764000000290-search-sort-covering';
import { DueReadCovering1764000000300 } from './1764000000300-due-read-covering';
import { StaffSessionChanges1764000000310 } from './1764000000310-staff-session-changes';

/** Every migration, in order. Listed explicitly: the API is bundled, so no file globs. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  AuditGuards1764000000001,
  StaffSessions1764000000002,
  CertificateAuthority1764000000003,
  Notices1764000000050,
  Reissues1764000000060,
  SearchIndexes1764000000070,
  IbChannel1764000000080,
  ReportIndexes1764000000085,
  IbUserCounts1764000000090,
  CustomerSearchSqlite1764000000095,
  AttemptCounters1764000000100,
  AuditKeyedChain1764000000110,
  RenewalOverlap1764000000140,
  CaKeystore1764000000150,
  StaffChangeRequests1764000000160,
  NoticeRunClaim1764000000170,
  SecondFactor1764000000200,
  PasskeyLogin1764000000201,
  Closures1764000000210,
  ImportRuns1764000000220,
  NoticeMarker1764000000230,
  IbUserCompanyKey1764000000250,
  NoticeOutboxReferences1764000000260,
  NoticeMarkerTable1764000000270,
  OutboxLeasePartial1764000000280,
  SearchSortCovering1764000000290,
  DueReadCovering1764000000300,
  StaffSessionChanges1764000000310,
];
