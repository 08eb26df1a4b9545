import { Module } from '@nestjs/common';
import { CustomerImportService } from './customer-import.service';

/** Customer import from a credit union's existing system (used by the `import` CLI). */
@Module({
  providers: [CustomerImportService],
  exports: [CustomerImportService],
})
export class ImportModule {}
