import { ParseUUIDPipe } from '@nestjs/common';
import { notFound } from '../tenancy/tenant';

/**
 * The pipe for a path `:id` that names a row: anything but a UUID answers 404 like a missing row,
 * before a query runs (PostgreSQL would refuse a NUL or a malformed uuid with an error).
 */
export const idParam = (): ParseUUIDPipe =>
  new ParseUUIDPipe({ exceptionFactory: notFound });
