import {
  DeepPartial,
  FindManyOptions,
  FindOneOptions,
  FindOptionsWhere,
  ObjectLiteral,
  Repository,
  SelectQueryBuilder,
} from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { currentCreditUnionId, notFound } from './tenant';
import { tenantCondition, tenantParameters } from './tenant-condition';

/** A row that belongs to exactly one credit union. */
export interface TenantOwned extends ObjectLiteral {
  id: string;
  creditUnionId: string;
}

type Where<T> = FindOptionsWhere<T> | FindOptionsWhere<T>[];

/** A tenant scope violation is a programming error (the row was loaded unscoped): it fails loudly. */
export class TenantIsolationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TenantIsolationError';
  }
}

/**
 * A TypeORM repository limited to the signed-in staff member's credit union: every read, count,
 * query builder, insert, update, save and delete carries `creditUnionId = currentCreditUnionId()`.
 * Without a principal every method throws. Another tenant's id behaves exactly like a missing one.
 */
export class TenantRepository<T extends TenantOwned> {
  constructor(private readonly repository: Repository<T>) {}

  /** The credit union of the request (throws without a signed-in principal). */
  get creditUnionId(): string {
    return currentCreditUnionId();
  }

  find(options: FindManyOptions<T> = {}): Promise<T[]> {
    return this.repository.find({
      ...options,
      where: this.scoped(options.where),
    });
  }

  findBy(where: Where<T> = {}): Promise<T[]> {
    return this.repository.findBy(this.scoped(where));
  }

  findOne(options: FindOneOptions<T>): Promise<T | null> {
    return this.repository.findOne({
      ...options,
      where: this.scoped(options.where),
    });
  }

  findOneBy(where: Where<T>): Promise<T | null> {
    return this.repository.findOneBy(this.scoped(where));
  }

  /** The row with `id` in this credit union, or 404 — the same answer for another tenant's id. */
  async findOrNotFound(
    id: string,
    options: Omit<FindOneOptions<T>, 'where'> = {},
  ): Promise<T> {
    const row = await this.findOne({
      ...options,
      where: { id } as FindOptionsWhere<T>,
    });
    if (!row) throw notFound();
    return row;
  }

  count(options: FindManyOptions<T> = {}): Promise<number> {
    return this.repository.count({
      ...options,
      where: this.scoped(options.where),
    });
  }

  countBy(where: Where<T> = {}): Promise<number> {
    return this.repository.countBy(this.scoped(where));
  }

  existsBy(where: Where<T>): Promise<boolean> {
    return this.repository.existsBy(this.scoped(where));
  }

  /**
   * A query builder that already holds the tenant condition. A later `.where()` is turned into
   * `.andWhere()` so it cannot drop the condition, and a top-level `.orWhere()` (which would widen
   * the query past the tenant) throws: group alternatives in `new Brackets(...)` instead.
   */
  createQueryBuilder(alias: string): SelectQueryBuilder<T> {
    const qb = this.repository
      .createQueryBuilder(alias)
      .where(
        tenantCondition(alias, 'creditUnionId'),
        tenantParameters(this.creditUnionId),
      );
    qb.where = qb.andWhere.bind(qb);
    qb.orWhere = () => {
      throw new TenantIsolationError(
        'orWhere() on a tenant-scoped query would widen it past the tenant: use Brackets',
      );
    };
    return qb;
  }

  /** Inserts rows into this credit union; a row naming another credit union is refused. */
  async insert(rows: DeepPartial<T> | DeepPartial<T>[]): Promise<void> {
    const list = (Array.isArray(rows) ? rows : [rows]).map((row) =>
      this.claim(row),
    );
    await this.repository.insert(list as QueryDeepPartialEntity<T>[]);
  }

  /** Updates the row `id` of this credit union; false when there is none (missing or another tenant's). */
  async update(id: string, patch: QueryDeepPartialEntity<T>): Promise<boolean> {
    const moved = (patch as { creditUnionId?: unknown }).creditUnionId;
    if (moved !== undefined && moved !== this.creditUnionId) {
      throw new TenantIsolationError(
        'A row cannot be moved to another credit union',
      );
    }
    const result = await this.repository.update(
      this.scoped({ id } as FindOptionsWhere<T>) as FindOptionsWhere<T>,
      patch,
    );
    return (result.affected ?? 0) > 0;
  }

  /**
   * Saves an entity of this credit union (new rows are claimed for it). An entity of another
   * credit union, or one whose id belongs to another credit union's row, is refused.
   */
  async save(entity: T): Promise<T> {
    const claimed = this.claim(entity) as T;
    if (claimed.id !== undefined) {
      const elsewhere = await this.repository.existsBy({
        id: claimed.id,
      } as FindOptionsWhere<T>);
      if (
        elsewhere &&
        !(await this.existsBy({ id: claimed.id } as FindOptionsWhere<T>))
      ) {
        throw new TenantIsolationError(
          `Refused to save ${this.repository.metadata.name} ${claimed.id} of another credit union`,
        );
      }
    }
    return this.repository.save(claimed);
  }

  /** Deletes the row `id` of this credit union; false when there is none. */
  async delete(id: string): Promise<boolean> {
    const result = await this.repository.delete(
      this.scoped({ id } as FindOptionsWhere<T>) as FindOptionsWhere<T>,
    );
    return (result.affected ?? 0) > 0;
  }

  private scoped(where: Where<T> | undefined): Where<T> {
    const creditUnionId = this.creditUnionId;
    const scope = (w: FindOptionsWhere<T>) =>
      ({ ...w, creditUnionId }) as FindOptionsWhere<T>;
    if (where === undefined) return scope({});
    return Array.isArray(where) ? where.map(scope) : scope(where);
  }

  private claim<R extends DeepPartial<T>>(row: R): R {
    const creditUnionId = this.creditUnionId;
    const own = (row as { creditUnionId?: unknown }).creditUnionId;
    if (own !== undefined && own !== creditUnionId) {
      throw new TenantIsolationError(
        `Refused to write a ${this.repository.metadata.name} of another credit union`,
      );
    }
    return Object.assign(row, { creditUnionId });
  }
}
