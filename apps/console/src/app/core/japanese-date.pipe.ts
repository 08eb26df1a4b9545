import { Pipe, PipeTransform } from '@angular/core';
import { formatJapaneseDate } from './japanese-date';

/** `{{ '2026-12-01' | jaDate }}` → `2026年12月01日(火)`; empty for null/undefined. */
@Pipe({ name: 'jaDate' })
export class JapaneseDatePipe implements PipeTransform {
  transform(isoDate: string | null | undefined): string {
    return isoDate ? formatJapaneseDate(isoDate) : '';
  }
}
