import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import {
  MatAutocompleteModule,
  MatAutocompleteSelectedEvent,
} from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioChange, MatRadioModule } from '@angular/material/radio';
import type { CertificateSearchItem } from '@certdesk/contracts';
import {
  catchError,
  debounceTime,
  distinctUntilChanged,
  map,
  Observable,
  of,
  switchMap,
} from 'rxjs';
import { apiErrorMessage } from '../../core/api-error';
import { JapaneseDatePipe } from '../../core/japanese-date.pipe';
import { CertificateSearchApi } from '../certificates/certificate-search-api';
import { PREVIEW_DEBOUNCE_MS } from './notice-timing';

/** A real IB user to preview with; null previews with sample data. */
export interface PreviewTarget {
  readonly id: string;
  readonly label: string;
}

function targetOf(item: CertificateSearchItem): PreviewTarget {
  return {
    id: item.ibUser.id,
    label: `${item.customer.companyName} ${item.ibUser.name}（${item.ibUser.loginId}）`,
  };
}

type Matches =
  | { readonly status: 'idle' }
  | { readonly status: 'ready'; readonly items: CertificateSearchItem[] }
  | { readonly status: 'error'; readonly message: string };

/**
 * プレビューのデータ: sample data, or a real IB user of the credit union found by the certificate
 * search (ログインID, 契約者番号, 会社名, 氏名).
 */
@Component({
  selector: 'cd-preview-target',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    JapaneseDatePipe,
  ],
  template: `
    <mat-radio-group
      aria-label="プレビューのデータ"
      class="cd-modes"
      [value]="mode()"
      (change)="setMode($event)"
    >
      <mat-radio-button value="sample">サンプルデータ</mat-radio-button>
      <mat-radio-button value="user">実在の利用者</mat-radio-button>
    </mat-radio-group>
    @if (mode() === 'user') {
      @let m = matches();
      <mat-form-field class="cd-search" subscriptSizing="dynamic">
        <mat-label>利用者を検索</mat-label>
        <input
          matInput
          [formControl]="query"
          [matAutocomplete]="auto"
          placeholder="ログインID・契約者番号・会社名・氏名"
        />
        <mat-autocomplete
          #auto="matAutocomplete"
          [displayWith]="display"
          (optionSelected)="pick($event)"
        >
          @if (m.status === 'ready') {
            @for (item of m.items; track item.ibUser.id) {
              <mat-option [value]="item">
                {{ item.customer.companyName }} {{ item.ibUser.name }}
                <span class="cd-option-sub"
                  >{{ item.ibUser.loginId }}・有効期限
                  {{ item.expiryDate | jaDate }}</span
                >
              </mat-option>
            } @empty {
              <mat-option disabled>該当する利用者はいません</mat-option>
            }
          }
        </mat-autocomplete>
        @if (m.status === 'error') {
          <mat-hint class="cd-error" role="alert">{{ m.message }}</mat-hint>
        } @else if (problem()) {
          <mat-hint class="cd-error" role="alert">{{ problem() }}</mat-hint>
        } @else if (target(); as t) {
          <mat-hint data-testid="preview-target">{{ t.label }}</mat-hint>
        }
      </mat-form-field>
    }
  `,
  styles: `
    .cd-modes {
      display: flex;
      gap: 16px;
    }
    .cd-search {
      width: 100%;
      margin-top: 4px;
    }
    .cd-option-sub {
      display: block;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .cd-error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PreviewTargetPicker {
  /** Why the chosen user cannot be previewed (the preview's `ibUserId` problem). */
  readonly problem = input<string | null>(null);
  readonly targetChange = output<PreviewTarget | null>();

  private readonly search = inject(CertificateSearchApi);
  protected readonly mode = signal<'sample' | 'user'>('sample');
  protected readonly target = signal<PreviewTarget | null>(null);
  protected readonly query = new FormControl<string | CertificateSearchItem>(
    '',
    { nonNullable: true },
  );
  protected readonly matches = signal<Matches>({ status: 'idle' });

  constructor() {
    this.query.valueChanges
      .pipe(
        // Picking an option puts the item itself in the field: not a new search.
        map((value) => (typeof value === 'string' ? value.trim() : null)),
        debounceTime(inject(PREVIEW_DEBOUNCE_MS)),
        distinctUntilChanged(),
        switchMap((q) => (q === null ? of(this.matches()) : this.find(q))),
        takeUntilDestroyed(),
      )
      .subscribe((m) => this.matches.set(m));
  }

  protected setMode(change: MatRadioChange): void {
    this.mode.set(change.value as 'sample' | 'user');
    if (change.value === 'sample') {
      this.query.setValue('');
      this.choose(null);
    }
  }

  protected pick(event: MatAutocompleteSelectedEvent): void {
    this.choose(targetOf(event.option.value as CertificateSearchItem));
  }

  /** What the field shows for a picked user. */
  protected readonly display = (value: string | CertificateSearchItem) =>
    typeof value === 'string' ? value : targetOf(value).label;

  private find(q: string): Observable<Matches> {
    if (!q) return of<Matches>({ status: 'idle' });
    return this.search.search({ q }).pipe(
      map((page): Matches => ({
        status: 'ready',
        items: page.items.slice(0, 10),
      })),
      catchError((error: unknown) =>
        of<Matches>({ status: 'error', message: apiErrorMessage(error) }),
      ),
    );
  }

  private choose(target: PreviewTarget | null): void {
    this.target.set(target);
    this.targetChange.emit(target);
  }
}
