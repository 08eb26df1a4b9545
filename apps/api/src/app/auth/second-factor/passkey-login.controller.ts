import { Body, Controller, Req, Res } from '@nestjs/common';
import { PostAction } from '../../infra/http/post-action';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import type { Request, Response } from 'express';
import type { SessionInfo } from '@certdesk/contracts';
import { issueXsrfToken } from '../../infra/http/csrf';
import { Public } from '../permissions.decorator';
import { readSessionToken, writeSessionCookie } from '../session-cookie';
import { PasskeyLoginService } from './passkey-login.service';

export class PasskeyLoginDto {
  @ApiProperty({
    description: 'The answer of @simplewebauthn/browser startAuthentication.',
  })
  @IsObject({ message: 'パスキーの応答をそのまま送ってください' })
  response!: Record<string, unknown>;
}

/** パスキーでログイン: a passkey alone, where the browser offers one (user verification required). */
@ApiTags('auth')
@Controller('auth/passkey')
export class PasskeyLoginController {
  constructor(private readonly passkeys: PasskeyLoginService) {}

  @PostAction('options')
  @Public()
  @ApiOkResponse({
    description:
      'WebAuthn request options (a challenge taken once within 5 minutes).',
  })
  options(): Promise<object> {
    return this.passkeys.options();
  }

  @PostAction('login')
  @Public()
  @ApiOkResponse({
    description:
      'Signed in with the second factor proven; the same 401 as a password log-in otherwise.',
  })
  async login(
    @Body() body: PasskeyLoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionInfo> {
    const { token, info } = await this.passkeys.login(
      body.response,
      readSessionToken(req),
      { ip: req.ip ?? null, userAgent: req.header('user-agent') ?? null },
    );
    writeSessionCookie(req, res, token);
    issueXsrfToken(req, res);
    return info;
  }
}
