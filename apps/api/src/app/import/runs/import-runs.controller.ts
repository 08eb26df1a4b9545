import {
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { PostAction } from '../../infra/http/post-action';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { ImportRunDetail, ImportRunView } from '@certdesk/contracts';
import { RequirePermission } from '../../auth/permissions.decorator';
import { AppError } from '../../infra/http/app-error';
import { notFound } from '../../infra/tenancy/tenant';
import { ImportRunsService } from './import-runs.service';

const id = () => new ParseUUIDPipe({ exceptionFactory: notFound });

/**
 * 取込 and 取込履歴 (managers and admins). The file is the request body as is
 * (`Content-Type: text/csv` or `application/octet-stream`, up to 64 MB; UTF-8 or CP932 as the
 * importer detects), its name in `?name=`, `?full=true` for a full extract.
 */
@ApiTags('imports')
@Controller('imports')
@RequirePermission('customers.import')
export class ImportRunsController {
  constructor(private readonly runs: ImportRunsService) {}

  @Get()
  @ApiOkResponse({ description: '取込履歴, newest first.' })
  list(): Promise<ImportRunView[]> {
    return this.runs.list();
  }

  @Get(':id')
  get(@Param('id', id()) runId: string): Promise<ImportRunDetail> {
    return this.runs.get(runId);
  }

  @Post()
  @ApiOkResponse({
    description:
      'The check (dry run): counts, a sample of changes, every bad line. Nothing written.',
  })
  upload(
    @Req() req: Request,
    @Query('name') name: unknown,
    @Query('full') full: unknown,
  ): Promise<ImportRunDetail> {
    const body: unknown = req.body;
    if (!Buffer.isBuffer(body)) throw new AppError('import_body_required');
    if (full !== undefined && full !== 'true' && full !== 'false')
      throw new AppError('import_full_invalid');
    return this.runs.upload(
      typeof name === 'string' ? name : '',
      body,
      full === 'true',
    );
  }

  @Post(':id/apply')
  @HttpCode(202)
  @ApiOkResponse({
    description: 'Writing started; poll GET /imports/:id for progress.',
  })
  apply(@Param('id', id()) runId: string): Promise<ImportRunDetail> {
    return this.runs.apply(runId);
  }

  @PostAction(':id/cancel')
  cancel(@Param('id', id()) runId: string): Promise<ImportRunDetail> {
    return this.runs.cancel(runId);
  }
}
