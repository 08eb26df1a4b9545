import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { addYears, replacedCertificateUsable } from '@certdesk/domain';
import {
  certificateValidity,
  CheckedCsr,
  checkCsr,
  clientSubjectDn,
  ClientSubject,
  issueClientCertificate,
  IssuingCa,
  newSerialHex,
} from '@certdesk/pki';
import { AuditService } from '../audit/audit.service';
import { Certificate } from '../certificates/certificate.entity';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { Customer } from '../customers/customer.entity';
import { IbUser } from '../customers/ib-user.entity';
import { Clock } from '../infra/clock/clock';
import { Transactions } from '../infra/database/transactions';
import { AppError } from '../infra/http/app-error';
import { notFound } from '../infra/tenancy/tenant';
import { CertificateAuthorityService } from './certificate-authority.service';
import {
  CertificateRevocationService,
  RevocationActor,
} from './certificate-revocation.service';
import { CrlService } from './crl.service';
import { IssuanceVia, issuanceRefusalError } from './issuance-policy';
import { lockedFindOne } from './row-lock';
import { isUniqueViolationOf } from '../infra/database/unique-violation';

export interface IssueRequest {
  ibUserId: string;
  /** PKCS#10, PEM, as the customer's browser sent it. Its subject is ignored. */
  csrPem: string;
  via: IssuanceVia;
  /**
   * Renewal: the certificate presented (default: the IB user's current one; or the one their current
   * certificate renewed while that has never logged on). It keeps logging on until the new one has.
   */
  renewedFromId?: string;
  /**
   * Run inside the caller's transaction (e.g. consuming a renewal session in the same commit). The
   * caller must then be on READ COMMITTED and call nothing that audits this credit union with
   * `AuditService.record()` before committing; a superseded certificate reaches the CRL at the next
   * CRL check (or call `CrlService.publish` after the commit).
   */
  manager?: EntityManager;
}

export interface IssueResult {
  /** The stored row: the IB user's current certificate now (`pem`, `fingerprintSha256` set). */
  certificate: Certificate;
  pem: string;
  /**
   * A certificate revoked now as `superseded`: the previous current one (acquisition, reissue), or an
   * unused renewed one replaced by renewing again with the older certificate. Null after a plain
   * renewal: the renewed certificate keeps logging on until the new one has.
   */
  supersededCertificateId: string | null;
}

/**
 * 発行処理: issues an IB user's certificate from their PKCS#10, in one transaction on the locked
 * IB user row:
 * 1. the request passes every check (`checkCsr`), its key was never certified before;
 * 2. the IB user may be issued a certificate this way today (renewal inside the window, acquisition
 *    when not issued / expired within the limit / reissue authorized …);
 * 3. the certificate row is written first (serial and key claimed by unique indexes), then signed;
 * 4. it becomes the IB user's current certificate; the previous one, still valid, is revoked as superseded;
 * 5. audited (`certificate.issue`, and `certificate.revoke` for the superseded one).
 * Refusals are Nest HTTP exceptions with Japanese messages: 400 (request, reasons in `details`),
 * 404 (no such IB user), 409 (not allowed now, or a reused key). Nothing is written on a refusal.
 */
@Injectable()
export class CertificateIssuanceService {
  constructor(
    private readonly transactions: Transactions,
    private readonly cas: CertificateAuthorityService,
    private readonly crl: CrlService,
    private readonly revocation: CertificateRevocationService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async issue(request: IssueRequest): Promise<IssueResult> {
    const checked = checkCsr(request.csrPem);
    if (!checked.ok) {
      throw new AppError(
        'csr_refused',
        undefined,
        checked.reasons.map((reason) => ({ field: 'csr', reason })),
      );
    }
    const owner = await (request.manager ?? this.transactions.manager).findOne(
      IbUser,
      {
        where: { id: request.ibUserId },
        select: { id: true, creditUnionId: true },
      },
    );
    if (!owner) throw notFound();
    const ca = await this.cas.forCreditUnion(owner.creditUnionId); // before the transaction: may create the CA
    const run = (manager: EntityManager) =>
      this.issueIn(manager, request, checked.request, ca);
    let result: IssueResult;
    try {
      result = request.manager
        ? await run(request.manager)
        : await this.transactions.run(run);
    } catch (error) {
      throw isUniqueViolationOf(error, 'public_key')
        ? new AppError('key_reused')
        : error;
    }
    if (result.supersededCertificateId && !request.manager)
      await this.crl.publishQuietly(owner.creditUnionId);
    return result;
  }

  private async issueIn(
    manager: EntityManager,
    request: IssueRequest,
    csr: CheckedCsr,
    ca: IssuingCa,
  ): Promise<IssueResult> {
    const user = await lockedFindOne(manager, IbUser, { id: request.ibUserId });
    if (!user) throw notFound();
    const creditUnion = await manager.findOneByOrFail(CreditUnion, {
      id: user.creditUnionId,
    });
    const customer = await manager.findOneByOrFail(Customer, {
      id: user.customerId,
    });
    const now = this.clock.now();
    const today = this.clock.today();
    const presented = await this.presentedForRenewal(manager, request, user);
    const refusal = issuanceRefusalError(
      request.via,
      {
        expiryDate: presented?.expiryDate ?? user.currentExpiryDate,
        revoked:
          presented && presented.id !== user.currentCertificateId
            ? false
            : user.currentRevoked,
        reissue: user.reissueState,
      },
      today,
      creditUnion,
    );
    if (refusal) throw refusal;
    if (
      await manager.existsBy(Certificate, {
        creditUnionId: user.creditUnionId,
        publicKeySha256: csr.publicKeySha256,
      })
    ) {
      throw new AppError('key_reused');
    }

    // The row first: serial and key are claimed (unique indexes) before anything is signed.
    const expiryDate = addYears(today, creditUnion.certificateValidityYears);
    const subject: ClientSubject = {
      CN: user.loginId,
      OU: customer.contractNumber,
      O: creditUnion.name,
    };
    const row: Certificate = {
      id: randomUUID(),
      creditUnionId: user.creditUnionId,
      ibUserId: user.id,
      serialHex: newSerialHex(),
      subjectDn: clientSubjectDn(subject),
      ...certificateValidity(now, expiryDate),
      expiryDate,
      revokedAt: null,
      revocationReason: null,
      pem: null,
      fingerprintSha256: null,
      publicKeySha256: csr.publicKeySha256,
      issuedVia: request.via,
      createdAt: now,
      firstLogonAt: null,
      renewedFromId: presented?.id ?? null,
    };
    await manager.insert(Certificate, row);
    const issued = await issueClientCertificate({
      ca,
      csrPublicKey: csr.publicKeyDer,
      subject,
      serialHex: row.serialHex,
      notBefore: row.notBefore,
      expiryDate,
      crlUrl: this.cas.crlUrl(creditUnion.code),
    });
    await manager.update(
      Certificate,
      { id: row.id },
      { pem: issued.pem, fingerprintSha256: issued.fingerprintSha256 },
    );
    const certificate: Certificate = {
      ...row,
      pem: issued.pem,
      fingerprintSha256: issued.fingerprintSha256,
    };

    const actor = {
      actorType: 'ib_user' as const,
      actorId: user.id,
      actorName: user.loginId,
    };
    const superseded = await this.supersedeIn(
      manager,
      user,
      presented,
      certificate,
      actor,
    );
    await manager.update(
      IbUser,
      { id: user.id },
      {
        currentCertificateId: row.id,
        currentExpiryDate: expiryDate,
        currentRevoked: false,
        reissueState: null,
        updatedAt: now,
      },
    );
    await this.audit.recordIn(manager, {
      ...actor,
      action: 'certificate.issue',
      outcome: 'success',
      creditUnionId: user.creditUnionId,
      targetType: 'certificate',
      targetId: row.id,
      details: {
        via: request.via,
        serialHex: row.serialHex,
        expiryDate,
        fingerprintSha256: issued.fingerprintSha256,
        keyBits: csr.keyBits,
        supersededCertificateId: superseded,
        renewedFromId: row.renewedFromId,
        previousReissueState: user.reissueState,
      },
    });
    return {
      certificate,
      pem: issued.pem,
      supersededCertificateId: superseded,
    };
  }

  /**
   * Renewal only: the presented certificate, checked to be the current one or the one the current
   * (never used) certificate renewed — renewing again from it. 409 otherwise.
   */
  private async presentedForRenewal(
    manager: EntityManager,
    request: IssueRequest,
    user: IbUser,
  ): Promise<Certificate | null> {
    const presentedId = request.renewedFromId ?? user.currentCertificateId;
    if (request.via !== 'renewal' || !presentedId) return null;
    const presented = await manager.findOneBy(Certificate, { id: presentedId });
    if (presented?.id === user.currentCertificateId) return presented; // its state decides
    if (!presented || presented.ibUserId !== user.id || presented.revokedAt)
      throw new AppError('renewal_superseded');
    const current = user.currentCertificateId
      ? await manager.findOneBy(Certificate, { id: user.currentCertificateId })
      : null;
    const usable =
      current?.renewedFromId === presented.id &&
      !current.revokedAt &&
      replacedCertificateUsable(
        {
          presentedExpiryDate: presented.expiryDate,
          successorUsed: Boolean(current.firstLogonAt),
        },
        this.clock.today(),
      );
    if (!usable) throw new AppError('renewal_superseded');
    return presented;
  }

  /**
   * What the new certificate supersedes: after a renewal from the current certificate, nothing (it
   * logs on until the new one has); renewing again from the older one, the unused current one;
   * otherwise the current one and the one it may have renewed.
   */
  private async supersedeIn(
    manager: EntityManager,
    user: IbUser,
    presented: Certificate | null,
    successor: Certificate,
    actor: RevocationActor,
  ): Promise<string | null> {
    if (!user.currentCertificateId) return null;
    if (presented?.id === user.currentCertificateId) {
      // The current one logs on until the new one has; one it renewed itself is retired now.
      if (presented.renewedFromId)
        await this.revocation.retireIn(
          manager,
          presented.renewedFromId,
          presented.id,
          actor,
        );
      return null;
    }
    const superseded = await this.revocation.supersedeIn(
      manager,
      user.currentCertificateId,
      successor,
      actor,
    );
    if (!presented) {
      const current = await manager.findOneBy(Certificate, {
        id: user.currentCertificateId,
      });
      if (current?.renewedFromId)
        await this.revocation.retireIn(
          manager,
          current.renewedFromId,
          successor.id,
          actor,
        );
    }
    return superseded;
  }
}
