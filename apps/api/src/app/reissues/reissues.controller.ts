import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { PostAction } from '../infra/http/post-action';
import { ApiTags } from '@nestjs/swagger';
import type { ReissuePage, ReissueView } from '@certdesk/contracts';
import { RequirePermission } from '../auth/permissions.decorator';
import { idParam } from '../infra/http/id-param';
import {
  CreateReissueDto,
  DecideReissueDto,
  ListReissuesDto,
} from './dto/reissue.dto';
import { ReissueCommandsService } from './reissue-commands.service';
import { ReissueQueriesService } from './reissue-queries.service';
import { StepUp } from '../auth/second-factor/step-up.decorator';

/** 再発行処理: branch staff record, a manager who is not the requester decides. */
@ApiTags('reissues')
@Controller('reissues')
export class ReissuesController {
  constructor(
    private readonly commands: ReissueCommandsService,
    private readonly queries: ReissueQueriesService,
  ) {}

  @Post()
  @RequirePermission('reissues.request')
  async create(@Body() dto: CreateReissueDto): Promise<ReissueView> {
    return this.queries.get(await this.commands.create(dto));
  }

  @Get()
  @RequirePermission('certificates.read')
  list(@Query() query: ListReissuesDto): Promise<ReissuePage> {
    return this.queries.list(query);
  }

  @Get(':id')
  @RequirePermission('certificates.read')
  get(@Param('id', idParam()) reissueId: string): Promise<ReissueView> {
    return this.queries.get(reissueId);
  }

  @StepUp()
  @PostAction(':id/approve')
  @RequirePermission('reissues.decide')
  async approve(
    @Param('id', idParam()) reissueId: string,
    @Body() dto: DecideReissueDto,
  ): Promise<ReissueView> {
    await this.commands.approve(reissueId, dto.comment);
    return this.queries.get(reissueId);
  }

  @StepUp()
  @PostAction(':id/reject')
  @RequirePermission('reissues.decide')
  async reject(
    @Param('id', idParam()) reissueId: string,
    @Body() dto: DecideReissueDto,
  ): Promise<ReissueView> {
    await this.commands.reject(reissueId, dto.comment);
    return this.queries.get(reissueId);
  }

  @PostAction(':id/cancel')
  @RequirePermission('reissues.request')
  async cancel(
    @Param('id', idParam()) reissueId: string,
  ): Promise<ReissueView> {
    await this.commands.cancel(reissueId);
    return this.queries.get(reissueId);
  }
}
