import {
  ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { createValidationPipe } from '../infra/http/validation';
import { StaffUser } from '../staff/staff-user.entity';
import { LoginDto } from './auth.dto';
import { CredentialsService } from './credentials.service';
import { LoginThrottle } from './login-throttle';

export const TOO_MANY_ATTEMPTS_MESSAGE =
  'このネットワークからのログイン試行が多すぎます。5分ほど待ってからやり直してください。';

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
 * The log-in route's guard: the per-address limit first (429, audited), then the body's shape
 * (the same 400 as the global pipe), then the passport strategy (the uniform 401, counted
 * against the address).
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
    const body: unknown = req.body;
    const ip = req.ip ?? 'unknown';
    if (this.throttle.isBlocked(ip)) {
      const username =
        typeof body === 'object' && body !== null
          ? (body as { username?: unknown }).username
          : undefined;
      await this.credentials.recordFailure(username, null, 'rate_limited');
      throw new HttpException(
        TOO_MANY_ATTEMPTS_MESSAGE,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    req.body = await this.validation.transform(body ?? {}, {
      type: 'body',
      metatype: LoginDto,
    });
    try {
      return (await super.canActivate(context)) as boolean;
    } catch (error) {
      if (error instanceof UnauthorizedException)
        this.throttle.recordFailure(ip);
      throw error;
    }
  }
}
