import { Column, Entity } from 'typeorm';
import {
  UuidColumn,
  UuidPrimaryColumn,
} from '../../infra/database/uuid-column';
import type {
  ImportRunStatusName,
  ImportSourceName,
} from '@certdesk/contracts';
import { InstantColumn } from '../../infra/database/instant-column';

/**
 * One customer file brought in (取込履歴): who, which file (name, size, SHA-256), when, its check
 * and what it changed. `content` holds the file (base64) from the check until it is applied or
 * cancelled, then is cleared. `claimSha256` is the file's SHA-256 while an inbox file is being
 * applied or once it was: unique, so a file is applied once however often it is dropped.
 */
@Entity('import_run')
export class ImportRun {
  @UuidPrimaryColumn() id!: string;
  /** Null only for an inbox file whose credit union could not be told. */
  @UuidColumn({ nullable: true }) creditUnionId!: string | null;
  @Column({ type: 'varchar', length: 16 }) source!: ImportSourceName;
  @Column({ type: 'varchar', length: 16 }) status!: ImportRunStatusName;
  @Column({ type: 'varchar', length: 255 }) fileName!: string;
  @Column({ type: 'integer' }) fileSize!: number;
  @Column({ type: 'varchar', length: 64 }) sha256!: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) claimSha256!:
    string | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) encoding!:
    string | null;
  @Column({ type: 'boolean' }) full!: boolean;
  @Column({ type: 'integer' }) lines!: number;
  @Column({ type: 'integer' }) errorCount!: number;
  @UuidColumn({ nullable: true }) createdById!: string | null;
  @Column({ type: 'varchar', length: 100 }) createdByName!: string;
  @InstantColumn() createdAt!: Date;
  @UuidColumn({ nullable: true }) decidedById!: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) decidedByName!:
    string | null;
  @InstantColumn({ nullable: true }) claimedAt!: Date | null;
  @InstantColumn({ nullable: true }) finishedAt!: Date | null;
  /** JSON: ImportRunSummary. */
  @Column({ type: 'text', nullable: true }) summary!: string | null;
  /** JSON: { changes, removals, errors } of the check. */
  @Column({ type: 'text', nullable: true }) details!: string | null;
  @Column({ type: 'varchar', length: 1000, nullable: true }) message!:
    string | null;
  @Column({ type: 'text', nullable: true }) content!: string | null;
}
