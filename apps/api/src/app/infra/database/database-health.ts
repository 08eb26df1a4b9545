import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { pendingMigrations } from './migrate';
import { SqliteGate } from './sqlite-gate';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

/** What the health and metrics endpoints ask of the database itself (not of any data in it). */
@Injectable()
export class DatabaseHealth {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gate: SqliteGate,
  ) {}

  /** `SELECT 1`: throws when the database does not answer. */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  /** The migrations of this build not yet applied. */
  pendingMigrations(): Promise<string[]> {
    return pendingMigrations(this.dataSource);
  }

  /** PostgreSQL: pg's pool; SQLite: one connection, busy while a unit of work holds the gate. */
  poolState(): Record<'in_use' | 'idle' | 'waiting' | 'max', number> {
    if (this.dataSource.options.type === 'postgres') {
      const pool = (this.dataSource.driver as unknown as { master?: PgPool })
        .master;
      if (!pool) return { in_use: 0, idle: 0, waiting: 0, max: 0 };
      return {
        in_use: pool.totalCount - pool.idleCount,
        idle: pool.idleCount,
        waiting: pool.waitingCount,
        max: pool.options?.max ?? 0,
      };
    }
    return {
      in_use: this.gate.busy ? 1 : 0,
      idle: this.gate.busy ? 0 : 1,
      waiting: this.gate.waiting,
      max: 1,
    };
  }
}
