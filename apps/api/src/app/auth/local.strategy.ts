import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { RetryLaterError } from '../infra/http/app-error';
import { createValidationPipe } from '../infra/http/validation';
import { StaffUser } from '../staff/staff-user.entity';
import { LoginDto } from './auth.dto';
import { CredentialsService } from './credentials.service';
import { LoginThrottle } from './login-throttle';

/** passport-local: username and password from the JSON body, checked by {@link CredentialsService}. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly credentials: CredentialsService) {
    super({ usernameField: 'username', passwordField: 'password' });
  }

  validate(username: string, password: string): Promise<StaffUser> {
    return this.credentials.verify(username, password);
  }
}

/**
 * The log-in route's guard: the body's shape (the same 400 as the global pipe), then one attempt
 * claimed for the address (429 with `Retry-After` once it has failed too often, audited), then the
 * passport strategy (the uniform 401). Only a successful log-in gives the address's claim back.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  private readonly validation = createValidationPipe();

  constructor(
    private readonly throttle: LoginThrottle,
    private readonly credentials: CredentialsService,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const ip = req.ip ?? 'unknown';
    req.body = await this.validation.transform(req.body ?? {}, {
      type: 'body',
      metatype: LoginDto,
    });
    const claim = await this.throttle.claim(ip);
    if (!claim) {
      const username = (req.body as LoginDto).username;
      if (await this.throttle.auditRefusal(ip))
        await this.credentials.recordFailure(username, null, 'rate_limited');
      throw new RetryLaterError(
        'too_many_attempts',
        await this.throttle.retryAfterSeconds(ip),
      );
    }
    // Only a success gives the slot back: a failure, or an attempt refused as busy (503) in a
    // burst, stays counted against the address.
    const ok = (await super.canActivate(context)) as boolean;
    await this.throttle.release(ip, claim);
    return ok;
  }
}
