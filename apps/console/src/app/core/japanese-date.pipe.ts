import { Pipe, PipeTransform } from '@angular/core';
import { formatJapaneseDate } from '@certdesk/domain';

/**
 * `{{ '2026-12-01' | jaDate }}` → `2026年12月1日(火)`; empty for null/undefined.
 * The domain's formatting, so the console writes dates as notices and status reasons do.
 */
@Pipe({ name: 'jaDate' })
export class JapaneseDatePipe implements PipeTransform {
  transform(isoDate: string | null | undefined): string {
    return isoDate ? formatJapaneseDate(isoDate) : '';
  }
}
