import { Module } from '@nestjs/common';
import { ClosuresModule } from '../closures/closures.module';
import { CustomerImportService } from './customer-import.service';
import { ImportRemovalsService } from './import-removals';

/** Customer import from a credit union's existing system (used by the `import` CLI). */
@Module({
  imports: [ClosuresModule],
  providers: [CustomerImportService, ImportRemovalsService],
  exports: [CustomerImportService, ImportRemovalsService],
})
export class ImportModule {}
