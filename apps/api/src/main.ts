import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app/app.module';
import { Clock } from './app/infra/clock/clock';
import { appConfig, ConfigError } from './app/infra/config/config';
import { assertProductionSafe } from './app/infra/config/production-checks';
import { applySecretFiles } from './app/infra/config/secret-files';
import { configureApp } from './app/infra/http/configure-app';
import { DemoDataService } from './app/seed/demo-data.service';

async function bootstrap(): Promise<void> {
  applySecretFiles();
  const config = appConfig();
  assertProductionSafe(config);
  const logger = new ConsoleLogger({
    json: config.logJson,
    colors: !config.logJson,
  });
  const app = await NestFactory.create(AppModule, { logger, bufferLogs: true });
  // From here on every log line goes through pino (JSON, or one text line with LOG_FORMAT=text),
  // with the request id of the request being served (see infra/logging).
  const pino = app.get(PinoLogger);
  app.useLogger(pino);
  configureApp(app, config);
  app.enableShutdownHooks();
  await app.get(DemoDataService).seedIfEmpty();
  await app.listen(config.port);
  const clock = app.get(Clock);
  pino.log(
    `電子証明書管理コンソール: http://localhost:${config.port}/ (${config.mode} mode, database ${config.database.type}, ` +
      `business date ${clock.today()}${clock.fixed ? ' fixed by CERTDESK_NOW' : ''})`,
    'Bootstrap',
  );
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
