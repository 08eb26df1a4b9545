import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { can } from '@certdesk/domain';
import { AuditService } from '../audit/audit.service';
import {
  requestContext,
  StaffPrincipal,
} from '../infra/tenancy/request-context';
import { NOT_SIGNED_IN_MESSAGE } from './auth.service';
import { AppConfig } from '../infra/config/config';
import { APP_CONFIG } from '../infra/config/config.module';
import { noteLogIdentity } from '../infra/logging/log-identity';
import { bearerMatches } from './bearer-token';
import { BearerTokenName, routeAccess } from './permissions.decorator';
import { clearSessionCookie, readSessionToken } from './session-cookie';
import { SessionService } from './session.service';

export const NO_PERMISSION_MESSAGE = 'この操作を行う権限がありません';
export const PASSWORD_CHANGE_REQUIRED_MESSAGE =
  'パスワードの変更が必要です。パスワードを変更してから操作してください。';

/**
 * Global guard, deny by default. Resolves the session cookie into the request context's principal,
 * then: `@Public` → open; no live session → 401; a route declaring no access → 403 (and an error
 * naming it in the log); an account that must change its password → 403 except where allowed;
 * a role without every required permission → 403, audited as denied.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);
  private readonly tokens: Record<BearerTokenName, string | null>;

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.tokens = { metrics: config.ops.metricsToken };
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const access = routeAccess(
      this.reflector,
      context.getHandler(),
      context.getClass(),
    );
    if (access?.kind === 'token') {
      // No session involved: the right token, or the same 404 as a route that does not exist.
      if (!bearerMatches(req, this.tokens[access.token]))
        throw new NotFoundException();
      return true;
    }
    const principal = await this.authenticate(req, res);
    if (access?.kind === 'public') return true;
    if (!principal) throw new UnauthorizedException(NOT_SIGNED_IN_MESSAGE);

    const route = `${req.method} ${routePath(req)}`;
    if (!access) {
      this.logger.error(
        `${route} (${context.getClass().name}.${context.getHandler().name}) declares no access ` +
          '(@Public, @SignedIn or @RequirePermission): refused',
      );
      throw new ForbiddenException(NO_PERMISSION_MESSAGE);
    }
    const openWhileChangeRequired =
      access.kind === 'signedIn' && access.openWhilePasswordChangeRequired;
    if (principal.mustChangePassword && !openWhileChangeRequired)
      throw new ForbiddenException(PASSWORD_CHANGE_REQUIRED_MESSAGE);
    if (access.kind === 'permissions') {
      const missing = access.permissions.filter(
        (permission) => !can(principal.role, permission),
      );
      if (missing.length > 0) {
        await this.audit.record({
          action: 'access.denied',
          outcome: 'denied',
          details: { route, role: principal.role, missing },
        });
        throw new ForbiddenException(NO_PERMISSION_MESSAGE);
      }
    }
    return true;
  }

  /** The signed-in staff member of this request, put into the request context; undefined when none. */
  private async authenticate(
    req: Request,
    res: Response,
  ): Promise<StaffPrincipal | undefined> {
    const token = readSessionToken(req);
    if (!token) return undefined;
    const active = await this.sessions.resolve(token);
    if (!active) {
      clearSessionCookie(req, res);
      return undefined;
    }
    const context = requestContext.current();
    if (!context)
      throw new Error(
        'No request context: requestContextMiddleware must run before the guard',
      );
    const { staff, session, creditUnion } = active;
    noteLogIdentity(req, { staffId: staff.id });
    context.creditUnion = creditUnion;
    context.principal = {
      staffId: staff.id,
      username: staff.username,
      displayName: staff.displayName,
      role: staff.role,
      creditUnionId: staff.creditUnionId,
      sessionId: session.id,
      mustChangePassword: staff.mustChangePassword,
    };
    return context.principal;
  }
}

function routePath(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string'
    ? `${req.baseUrl}${route.path}`
    : req.path;
}
