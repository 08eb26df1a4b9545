import { applyDecorators, HttpCode, Post } from '@nestjs/common';

/**
 * A POST that creates nothing (an action on something that exists, a check, a log-in) and so
 * answers 200 with its outcome: Nest's default for POST, 201, would say that something was created.
 */
export const PostAction = (path?: string): MethodDecorator =>
  applyDecorators(Post(path), HttpCode(200));
