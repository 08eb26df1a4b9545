import { Column, Entity } from 'typeorm';
import {
  UuidColumn,
  UuidPrimaryColumn,
} from '../../infra/database/uuid-column';
import type { NoticeKind } from '@certdesk/notice-templates';
import type { NoticeTemplateStatus } from '@certdesk/contracts';
import { InstantColumn } from '../../infra/database/instant-column';

/**
 * One version of a credit union's notice template. Versions count up per (credit union, kind);
 * at most one draft is open; the published version in use is the highest published one. A
 * published version is never changed again (sent notices point at it).
 */
@Entity('notice_template')
export class NoticeTemplate {
  @UuidPrimaryColumn() id!: string;
  @UuidColumn() creditUnionId!: string;
  @Column({ type: 'varchar', length: 32 }) kind!: NoticeKind;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'varchar', length: 16 }) status!: NoticeTemplateStatus;
  @Column({ type: 'varchar', length: 200 }) subject!: string;
  @Column({ type: 'text' }) body!: string;
  @InstantColumn() createdAt!: Date;
  /** Staff username; null for the shipped default. */
  @Column({ type: 'varchar', length: 100, nullable: true }) createdBy!:
    string | null;
  @InstantColumn() updatedAt!: Date;
  @InstantColumn({ nullable: true }) publishedAt!: Date | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) publishedBy!:
    string | null;
}
