import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { can, stepUpNeeded } from '@certdesk/domain';
import {
  ENROLMENT_REQUIRED_CODE,
  SECOND_FACTOR_REQUIRED_CODE,
  STEP_UP_REQUIRED_CODE,
} from '@certdesk/contracts';
import { AppError } from '../infra/http/app-error';
import { Clock } from '../infra/clock/clock';
import { secondFactorFacts } from './second-factor/second-factor-policy';
import { STEP_UP, StepUpOptions } from './second-factor/step-up.decorator';
import { AuditService } from '../audit/audit.service';
import {
  requestContext,
  StaffPrincipal,
} from '../infra/tenancy/request-context';
import { AppConfig } from '../infra/config/config';
import { APP_CONFIG } from '../infra/config/app-config.module';
import { noteLogIdentity } from '../infra/logging/log-identity';
import { bearerMatches } from './bearer-token';
import { BearerTokenName, routeAccess } from './permissions.decorator';
import { clearSessionCookie, readSessionToken } from './session-cookie';
import { SessionService } from './session.service';

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
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    if (!principal) throw new AppError('not_signed_in');

    const route = `${req.method} ${routePath(req)}`;
    if (!access) {
      this.logger.error(
        `${route} (${context.getClass().name}.${context.getHandler().name}) declares no access ` +
          '(@Public, @SignedIn or @RequirePermission): refused',
      );
      throw new AppError('no_permission');
    }
    const signedIn = access.kind === 'signedIn' ? access : null;
    const factor = principal.secondFactor;
    // The password alone opens only the proof of the second factor.
    if (
      factor?.enrolled &&
      !factor.provenAt &&
      !signedIn?.openWhileSecondFactorPending
    )
      throw new AppError(SECOND_FACTOR_REQUIRED_CODE);
    const openWhileChangeRequired = !!signedIn?.openWhilePasswordChangeRequired;
    if (principal.mustChangePassword && !openWhileChangeRequired)
      throw new AppError('password_change_required');
    if (
      factor?.required &&
      !factor.enrolled &&
      !signedIn?.openForEnrolment &&
      !openWhileChangeRequired
    )
      throw new AppError(ENROLMENT_REQUIRED_CODE);
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
        throw new AppError('no_permission');
      }
    }
    await this.checkStepUp(context, principal, route);
    return true;
  }

  /** A route marked `@StepUp()` needs a second-factor proof younger than 5 minutes (401 with its code). */
  private async checkStepUp(
    context: ExecutionContext,
    principal: StaffPrincipal,
    route: string,
  ): Promise<void> {
    const stepUp = this.reflector.getAllAndOverride<StepUpOptions | undefined>(
      STEP_UP,
      [context.getHandler(), context.getClass()],
    );
    const factor = principal.secondFactor;
    if (!stepUp || !factor) return;
    const facts = stepUp.onlyWhenEnrolled
      ? { ...factor, required: false }
      : factor;
    const maxAge = this.config.secondFactor.stepUpMaxAgeMs;
    if (!stepUpNeeded(facts, this.clock.now(), maxAge)) return;
    await this.audit.record({
      action: 'auth.step_up',
      outcome: 'denied',
      details: { route, provenAt: factor.provenAt?.toISOString() ?? null },
    });
    throw new AppError(STEP_UP_REQUIRED_CODE);
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
      secondFactor: secondFactorFacts(staff, creditUnion, session, this.config),
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
