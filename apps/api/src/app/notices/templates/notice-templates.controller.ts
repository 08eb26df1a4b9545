import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { PostAction } from '../../infra/http/post-action';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type {
  NoticeTemplateDetail,
  NoticeTemplateDiff,
  NoticeTemplatePreview,
  NoticeTemplateSummary,
} from '@certdesk/contracts';
import { RequirePermission } from '../../auth/permissions.decorator';
import { PreviewDto, SaveDraftDto } from './notice-template.dto';
import { NoticeTemplatesService } from './notice-templates.service';
import { TemplatePreviewService } from './template-preview.service';
import { StepUp } from '../../auth/second-factor/step-up.decorator';

/** 通知テンプレート: read by every console role but admin; edited and published by managers. */
@ApiTags('notices')
@Controller('notice-templates')
export class NoticeTemplatesController {
  constructor(
    private readonly templates: NoticeTemplatesService,
    private readonly previews: TemplatePreviewService,
  ) {}

  @Get()
  @RequirePermission('templates.read')
  @ApiOkResponse({
    description: 'Every notice kind with its published version and open draft.',
  })
  list(): Promise<NoticeTemplateSummary[]> {
    return this.templates.list();
  }

  @Get(':kind')
  @RequirePermission('templates.read')
  @ApiOkResponse({
    description:
      'Published version, draft, history, variable catalogue and filters of one kind.',
  })
  detail(@Param('kind') kind: string): Promise<NoticeTemplateDetail> {
    return this.templates.detail(kind);
  }

  @Put(':kind/draft')
  @RequirePermission('templates.write')
  @ApiOkResponse({
    description:
      'Draft saved; 400 with every reason (syntax, unknown variable, length, URL in an e-mail).',
  })
  saveDraft(
    @Param('kind') kind: string,
    @Body() body: SaveDraftDto,
  ): Promise<NoticeTemplateDetail> {
    return this.templates.saveDraft(kind, body);
  }

  @Delete(':kind/draft')
  @RequirePermission('templates.write')
  @ApiOkResponse({ description: 'Draft discarded.' })
  discardDraft(@Param('kind') kind: string): Promise<NoticeTemplateDetail> {
    return this.templates.discardDraft(kind);
  }

  @PostAction(':kind/preview')
  @RequirePermission('templates.read')
  @ApiOkResponse({
    description:
      'Rendered subject and text (HTML for 重要なお知らせ) with sample data or a real IB user.',
  })
  preview(
    @Param('kind') kind: string,
    @Body() body: PreviewDto,
  ): Promise<NoticeTemplatePreview> {
    return this.previews.preview(kind, body);
  }

  @Get(':kind/diff')
  @RequirePermission('templates.read')
  @ApiOkResponse({
    description: 'Line diff of the draft against the published version.',
  })
  diff(@Param('kind') kind: string): Promise<NoticeTemplateDiff> {
    return this.templates.diff(kind);
  }

  @StepUp()
  @PostAction(':kind/publish')
  @RequirePermission('templates.write')
  @ApiOkResponse({
    description: 'The draft becomes the version in use (audited).',
  })
  publish(@Param('kind') kind: string): Promise<NoticeTemplateDetail> {
    return this.templates.publish(kind);
  }
}
