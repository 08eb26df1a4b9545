import {
  applyDecorators,
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  UseGuards,
} from '@nestjs/common';
import { AppError } from '../infra/http/app-error';
import type { Request } from 'express';
import { createHash } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { Public } from '../auth/permissions.decorator';
import { noteLogIdentity } from '../infra/logging/log-identity';
import { arrivedOnIbChannel } from './ib-channel';
import { IbRefusalAudit } from './ib-refusal-audit';
import { IbLogon, IbLogonService } from './ib-logon.service';

const LOGON = Symbol('certdesk.ibLogon');
type IbRequest = Request & { [LOGON]?: IbLogon };

/** Only requests that came in on the IB channel's TLS listener; staff sessions mean nothing here. */
@Injectable()
export class IbChannelGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (!arrivedOnIbChannel(context.switchToHttp().getRequest<Request>())) {
      throw new AppError('not_ib_channel');
    }
    return true;
  }
}

/**
 * Certificate log-on: the client certificate of this TLS connection must log on
 * ({@link IbLogonService}); every refusal is audited as `ib.logon.refused` (rate-limited, {@link IbRefusalAudit}).
 */
@Injectable()
export class IbCertificateGuard implements CanActivate {
  constructor(
    private readonly logons: IbLogonService,
    private readonly refusals: IbRefusalAudit,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<IbRequest>();
    const socket = req.socket as Partial<TLSSocket>;
    const peer =
      typeof socket.getPeerCertificate === 'function'
        ? socket.getPeerCertificate()
        : null;
    const der = peer?.raw ?? null;
    try {
      const logon = await this.logons.logOn(der);
      req[LOGON] = logon;
      noteLogIdentity(req, { ibUserId: logon.ibUser.id });
    } catch (error) {
      if (error instanceof AppError) {
        await this.refusals.record({
          action: 'ib.logon.refused',
          reason: error.code,
          entry: {
            details: {
              path: req.path,
              fingerprintSha256: der?.length
                ? createHash('sha256').update(der).digest('hex')
                : null,
            },
          },
        });
      }
      throw error;
    }
    return true;
  }
}

/**
 * An IB channel route: outside the staff access model (no staff session is read as a credential),
 * open only on the TLS listener. `certificate` routes also need a certificate log-on.
 */
export const IbRoute = (
  auth: 'certificate' | 'pin',
): MethodDecorator & ClassDecorator =>
  auth === 'certificate'
    ? applyDecorators(Public(), UseGuards(IbChannelGuard, IbCertificateGuard))
    : applyDecorators(Public(), UseGuards(IbChannelGuard));

/** The certificate log-on of this request (routes under `@IbRoute('certificate')`). */
export const CurrentIbLogon = createParamDecorator(
  (_data: unknown, context: ExecutionContext): IbLogon => {
    const logon = context.switchToHttp().getRequest<IbRequest>()[LOGON];
    if (!logon)
      throw new Error(
        "CurrentIbLogon used on a route without @IbRoute('certificate')",
      );
    return logon;
  },
);
