import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { HttpExceptionFilter } from './http-exception.filter';
import { requestId } from './request-id.middleware';
import { requestContextMiddleware } from '../tenancy/request-context.middleware';
import { csrf } from './csrf';
import { createValidationPipe } from './validation';

/** Cross-cutting HTTP behaviour, registered here so tests get exactly what production gets. */
@Module({
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
  ],
})
export class HttpModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(requestId, requestContextMiddleware, csrf)
      .forRoutes('*path');
  }
}
