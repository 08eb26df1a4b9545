import {
  Body,
  Controller,
  Get,
  HttpCode,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { PostAction } from '../infra/http/post-action';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { SessionInfo } from '@certdesk/contracts';
import { issueXsrfToken } from '../infra/http/csrf';
import { requestContext } from '../infra/tenancy/request-context';
import { currentPrincipal } from '../infra/tenancy/tenant';
import { StaffUser } from '../staff/staff-user.entity';
import { ChangePasswordDto, LoginDto } from './auth.dto';
import { AuthService } from './auth.service';
import { LocalAuthGuard } from './local.strategy';
import { Public, SignedIn } from './permissions.decorator';
import {
  clearSessionCookie,
  readSessionToken,
  writeSessionCookie,
} from './session-cookie';

/** Staff sign-in with a server-side session in an HttpOnly cookie. */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @PostAction('login')
  @Public()
  @UseGuards(LocalAuthGuard)
  @ApiOkResponse({
    description:
      'Signed in: a new session cookie (any previous session of this browser is ended).',
  })
  async login(
    @Body() _body: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionInfo> {
    const staff = req.user as StaffUser;
    const { token, info } = await this.auth.startSession(
      staff,
      readSessionToken(req),
      {
        ip: req.ip ?? null,
        userAgent: req.header('user-agent') ?? null,
      },
    );
    writeSessionCookie(req, res, token);
    issueXsrfToken(req, res);
    return info;
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'The session is ended on the server and the cookie cleared.',
  })
  async logout(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logout(requestContext.current()?.principal);
    clearSessionCookie(req, res);
  }

  @Get('me')
  @Public()
  @ApiOkResponse({
    description:
      'The signed-in staff member and session limits; 401 when signed out.',
  })
  me(): Promise<SessionInfo> {
    return this.auth.me(requestContext.current()?.principal);
  }

  @Post('password')
  @SignedIn({ openWhilePasswordChangeRequired: true })
  @HttpCode(204)
  @ApiNoContentResponse({
    description:
      'Password changed; the other sessions of this account are ended.',
  })
  async changePassword(@Body() body: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(
      currentPrincipal(),
      body.currentPassword,
      body.newPassword,
    );
  }
}
