import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { NoticeFilterInfo, NoticeVariableInfo } from '@certdesk/contracts';
import { formatJapaneseDate, isIsoDate } from '@certdesk/domain';

/** What a variable's button writes: dates go through `jdate` (2026年12月25日(金)). */
export function variableSnippet(
  v: Pick<NoticeVariableInfo, 'name' | 'type'>,
): string {
  return v.type === 'date' ? `{{ ${v.name} | jdate }}` : `{{ ${v.name} }}`;
}

interface PaletteEntry {
  readonly variable: NoticeVariableInfo;
  readonly snippet: string;
  /** The value in the preview now (a real user's), else the catalogue's example. */
  readonly shown: string;
}

/**
 * 差し込み項目: the variables this kind may use, each a button that inserts `{{ name }}` where the
 * cursor is in the editor, with the value it has in the current preview.
 */
@Component({
  selector: 'cd-variable-palette',
  imports: [MatButtonModule, MatTooltipModule],
  template: `
    <h3 class="cd-palette-title">差し込み項目</h3>
    <p class="cd-sub">
      ボタンを押すと、カーソルの位置に差し込み項目を入れます。
      @for (f of filters(); track f.name) {
        <span class="cd-filter"
          ><code>| {{ f.name }}</code
          >: {{ f.description }}（例: {{ f.example }}）</span
        >
      }
    </p>
    <ul class="cd-palette" aria-label="差し込み項目">
      @for (e of entries(); track e.variable.name) {
        <li>
          <button
            mat-stroked-button
            type="button"
            [disabled]="disabled()"
            [matTooltip]="e.variable.description"
            [attr.data-variable]="e.variable.name"
            (click)="inserted.emit(e.snippet)"
          >
            {{ e.variable.label }}
          </button>
          <code class="cd-snippet">{{ e.snippet }}</code>
          <span class="cd-sub">{{ e.shown }}</span>
        </li>
      }
    </ul>
  `,
  styles: `
    .cd-palette-title {
      font: var(--mat-sys-title-small);
      margin: 0 0 4px;
    }
    .cd-sub {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 8px;
    }
    .cd-filter {
      display: block;
    }
    .cd-palette {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(260px, 1fr));
      gap: 8px 16px;

      li {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0 8px;
      }
    }
    .cd-snippet {
      font-size: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VariablePalette {
  readonly variables = input.required<readonly NoticeVariableInfo[]>();
  readonly filters = input<readonly NoticeFilterInfo[]>([]);
  /** `values` of the latest preview. */
  readonly values = input<Readonly<Record<string, string | number>>>({});
  /** Read-only staff see the catalogue but insert nothing. */
  readonly disabled = input(false);
  readonly inserted = output<string>();

  protected readonly entries = computed<PaletteEntry[]>(() =>
    this.variables().map((variable) => {
      const value = this.values()[variable.name];
      const shown =
        value === undefined
          ? variable.example
          : typeof value === 'string' && isIsoDate(value)
            ? formatJapaneseDate(value)
            : String(value);
      return { variable, snippet: variableSnippet(variable), shown };
    }),
  );
}
