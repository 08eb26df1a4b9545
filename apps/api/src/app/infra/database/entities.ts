import { AuditEvent } from '../../audit/audit-event.entity';
import { AuditHead } from '../../audit/audit-head.entity';
import { Certificate } from '../../certificates/certificate.entity';
import { Branch } from '../../credit-unions/branch.entity';
import { CreditUnion } from '../../credit-unions/credit-union.entity';
import { Customer } from '../../customers/customer.entity';
import { IbUser } from '../../customers/ib-user.entity';
import { StaffUser } from '../../staff/staff-user.entity';
import { StaffSession } from '../../auth/staff-session.entity';
import { CertificateAuthority } from '../../pki/certificate-authority.entity';
import { NOTICE_ENTITIES } from '../../notices/notice-entities';
import { ReissueRequest } from '../../reissues/reissue-request.entity';
import { IbRenewalSession } from '../../ib/ib-renewal-session.entity';
import { StaffChangeRequest } from '../../staff/staff-change-request.entity';
import {
  StaffCredential,
  StaffRecoveryCode,
  WebauthnLoginChallenge,
} from '../../auth/second-factor/staff-credential.entity';
import { RemovalRequest } from '../../closures/removal-request.entity';
import { ImportRun } from '../../import/runs/import-run.entity';

/** Every entity, listed explicitly (the API is bundled: no globs). */
export const ENTITIES = [
  CreditUnion,
  Branch,
  Customer,
  IbUser,
  Certificate,
  StaffUser,
  AuditEvent,
  AuditHead,
  StaffSession,
  CertificateAuthority,
  ...NOTICE_ENTITIES,
  ReissueRequest,
  IbRenewalSession,
  StaffChangeRequest,
  StaffCredential,
  StaffRecoveryCode,
  WebauthnLoginChallenge,
  RemovalRequest,
  ImportRun,
];
