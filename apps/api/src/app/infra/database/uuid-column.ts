import { Column, PrimaryColumn } from 'typeorm';

/** A row's id: a UUID, stored as `varchar(36)` on both databases. */
export const UuidPrimaryColumn = (): PropertyDecorator =>
  PrimaryColumn({ type: 'varchar', length: 36 });

/** A reference to a row by its id (`varchar(36)`), or a UUID of our own. */
export const UuidColumn = (
  options: { nullable?: boolean } = {},
): PropertyDecorator => Column({ type: 'varchar', length: 36, ...options });
