import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  Param,
  Put,
} from '@nestjs/common';
import { PostAction } from '../../infra/http/post-action';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type {
  EnrolmentResult,
  SecondFactorOverview,
  SecondFactorStatus,
  TotpEnrolment,
} from '@certdesk/contracts';
import { RequirePermission, SignedIn } from '../permissions.decorator';
import { idParam } from '../../infra/http/id-param';
import {
  RegisterPasskeyDto,
  SecondFactorPolicyDto,
  SecondFactorProofDto,
  TotpCodeDto,
} from './second-factor.dto';
import { SecondFactorEnrolment } from './second-factor-enrolment.service';
import { SecondFactorService } from './second-factor.service';
import { StepUp } from './step-up.decorator';

/**
 * A route that adds a factor: open while the account must enrol, and a step-up once it has a
 * factor already (a stolen session alone cannot add the thief's passkey).
 */
const AddsFactor = (): MethodDecorator =>
  applyDecorators(
    SignedIn({ openForEnrolment: true }),
    StepUp({ onlyWhenEnrolled: true }),
  );

/**
 * パスワード・認証設定: the caller's passkeys and one-time codes, proving them after the password or
 * for a step-up, and the credit union's policy. Adding a further factor to an account that has one
 * needs a step-up (a stolen session alone cannot add the thief's passkey).
 */
@ApiTags('auth')
@Controller('auth/second-factor')
export class SecondFactorController {
  constructor(
    private readonly factors: SecondFactorService,
    private readonly enrolment: SecondFactorEnrolment,
  ) {}

  @Get()
  @SignedIn({ openForEnrolment: true })
  @ApiOkResponse({
    description: 'The caller’s factors, policy and recovery codes left.',
  })
  overview(): Promise<SecondFactorOverview> {
    return this.factors.overview();
  }

  @PostAction('totp/start')
  @AddsFactor()
  @ApiOkResponse({
    description:
      'A new secret with its otpauth URI and QR code, to be confirmed.',
  })
  startTotp(): Promise<TotpEnrolment> {
    return this.enrolment.startTotp();
  }

  @PostAction('totp/confirm')
  @AddsFactor()
  @ApiOkResponse({
    description:
      'Enrolled; the first enrolment carries 10 recovery codes (shown once).',
  })
  confirmTotp(@Body() body: TotpCodeDto): Promise<EnrolmentResult> {
    return this.enrolment.confirmTotp(body.code);
  }

  @PostAction('passkeys/options')
  @AddsFactor()
  @ApiOkResponse({
    description:
      'WebAuthn creation options (attestation none, user verification preferred).',
  })
  registrationOptions(): Promise<object> {
    return this.enrolment.passkeyRegistrationOptions();
  }

  @PostAction('passkeys')
  @AddsFactor()
  @ApiOkResponse({
    description:
      'Registered; the first enrolment carries 10 recovery codes (shown once).',
  })
  registerPasskey(@Body() body: RegisterPasskeyDto): Promise<EnrolmentResult> {
    return this.enrolment.registerPasskey(body.response, body.name ?? '');
  }

  @PostAction('passkey-challenge')
  @SignedIn({ openWhileSecondFactorPending: true })
  @ApiOkResponse({
    description: 'WebAuthn request options for the caller’s passkeys.',
  })
  authenticationOptions(): Promise<object> {
    return this.factors.passkeyAuthenticationOptions();
  }

  @PostAction('verify')
  @SignedIn({ openWhileSecondFactorPending: true })
  @ApiOkResponse({
    description: 'Proven for this session (sign-in or step-up).',
  })
  verify(@Body() body: SecondFactorProofDto): Promise<SecondFactorStatus> {
    return this.factors.verify(body);
  }

  @Delete(':id')
  @SignedIn({ openForEnrolment: true })
  @StepUp()
  @ApiOkResponse({
    description: 'Removed (the last factor takes the recovery codes with it).',
  })
  remove(
    @Param('id', idParam()) factorId: string,
  ): Promise<SecondFactorStatus> {
    return this.factors.remove(factorId);
  }

  @PostAction('recovery-codes')
  @SignedIn()
  @StepUp()
  @ApiOkResponse({
    description:
      '10 new recovery codes (shown once); the old ones stop working.',
  })
  regenerateRecoveryCodes(): Promise<EnrolmentResult> {
    return this.enrolment.regenerateRecoveryCodes();
  }

  @Put('policy')
  @RequirePermission('settings.write')
  @StepUp()
  @ApiOkResponse({
    description: 'The credit union’s policy (off only in demo mode).',
  })
  setPolicy(
    @Body() body: SecondFactorPolicyDto,
  ): Promise<SecondFactorOverview> {
    return this.factors.setPolicy(body.policy);
  }
}
