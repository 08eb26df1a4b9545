import { NoticeOutbox } from './dispatch/notice-outbox.entity';
import { NoticeRun } from './dispatch/notice-run.entity';
import { NoticeSchedule } from './schedule/notice-schedule.entity';
import { NoticeTemplate } from './templates/notice-template.entity';

/** The notice tables (listed in infra/database/entities.ts). */
export const NOTICE_ENTITIES = [
  NoticeTemplate,
  NoticeSchedule,
  NoticeRun,
  NoticeOutbox,
];
