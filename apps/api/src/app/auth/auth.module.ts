import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AuditModule } from '../audit/audit.module';
import { AttemptCounter } from '../infra/limits/attempt-counter';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { CredentialsService } from './credentials.service';
import { LocalAuthGuard, LocalStrategy } from './local.strategy';
import { LoginThrottle } from './login-throttle';
import { Passwords } from './passwords';
import { RouteInventory } from './route-inventory';
import { SessionService } from './session.service';
import { SessionCache } from './session-cache';
import { StaffSessionRepository } from './staff-session.repository';
import { StaffUserRepository } from '../staff/staff-user.repository';
import { PasskeyCeremonies } from './second-factor/passkey-ceremonies';
import { SecondFactorController } from './second-factor/second-factor.controller';
import { PasskeyLoginController } from './second-factor/passkey-login.controller';
import { PasskeyLoginRepository } from './second-factor/passkey-login.repository';
import { PasskeyLoginService } from './second-factor/passkey-login.service';
import { SecondFactorRepository } from './second-factor/second-factor.repository';
import { SecondFactorEnrolment } from './second-factor/second-factor-enrolment.service';
import { SecondFactorService } from './second-factor/second-factor.service';

/** Staff log-in, sessions and the global deny-by-default guard. */
@Module({
  imports: [PassportModule, DiscoveryModule, AuditModule],
  controllers: [AuthController, SecondFactorController, PasskeyLoginController],
  providers: [
    Passwords,
    AttemptCounter,
    SessionService,
    SessionCache,
    StaffSessionRepository,
    StaffUserRepository,
    LoginThrottle,
    CredentialsService,
    AuthService,
    LocalStrategy,
    LocalAuthGuard,
    RouteInventory,
    SecondFactorRepository,
    PasskeyCeremonies,
    SecondFactorService,
    SecondFactorEnrolment,
    PasskeyLoginRepository,
    PasskeyLoginService,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [
    Passwords,
    AttemptCounter,
    SessionService,
    RouteInventory,
    SecondFactorService,
  ],
})
export class AuthModule {}
