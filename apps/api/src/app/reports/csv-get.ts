import { applyDecorators, Get } from '@nestjs/common';
import { ApiProduces } from '@nestjs/swagger';

/**
 * A GET that answers a report as a CSV file: the handler hands the response to
 * `CsvExportService.send`, which writes the headers and streams the rows itself.
 */
export const CsvGet = (path: string): MethodDecorator =>
  applyDecorators(Get(path), ApiProduces('text/csv'));
