import { EntityManager } from 'typeorm';

/** Multi-row INSERTs sized to stay under SQLite's and PostgreSQL's bound-parameter limits. */
export async function insertInBatches<T extends object>(
  em: EntityManager,
  entity: new () => T,
  rows: T[],
): Promise<void> {
  const columnCount = em.connection.getMetadata(entity).columns.length;
  const size = Math.max(1, Math.floor(30000 / columnCount));
  for (let i = 0; i < rows.length; i += size) {
    await em
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(i, i + size) as never)
      .updateEntity(false)
      .execute();
  }
}
