import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  effect,
  inject,
  input,
  output,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { IB_ROLE_LABELS, LIFECYCLE_STATUSES } from '@certdesk/domain';
import { debounceTime, map, merge } from 'rxjs';
import {
  fromIsoDate,
  provideJapaneseDateInput,
  toIsoDate,
} from '../../core/date-input';
import { AuthService } from '../../core/auth/auth.service';
import { BranchField, branchCode } from '../../core/ui/branch-field';
import { statusLabel } from '../../core/lifecycle/status-chip';
import {
  DEFAULT_SORT,
  SORT_LABELS,
  SearchFilters,
  normalizeFilters,
  sameFilters,
  splitList,
} from './search-query';

/** Typed fields wait this long after the last key; chips and selects apply at once. */
export const TYPING_DEBOUNCE_MS = 400;

export interface SearchChange {
  readonly filters: SearchFilters;
  /** Typing refines the same search: replace the history entry rather than add one per pause. */
  readonly replaceUrl: boolean;
}

/** Focus stays where the user is typing or choosing; `/` there is just a character. */
function isEditable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      target.closest(
        'input, textarea, select, [role="combobox"], [role="listbox"]',
      ) !== null)
  );
}

/**
 * The search box and filters. Shows what the URL says; emits each change (no 検索 button).
 * `/` anywhere on the page focuses the box; Enter in it asks for the first row to be opened.
 */
@Component({
  selector: 'cd-certificate-search-form',
  imports: [
    ReactiveFormsModule,
    BranchField,
    MatButtonModule,
    MatChipsModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
  ],
  providers: [provideJapaneseDateInput()],
  templateUrl: './search-form.html',
  styleUrl: './search-form.scss',
  host: { '(document:keydown)': 'focusOnSlash($event)' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CertificateSearchForm {
  readonly filters = input.required<SearchFilters>();
  readonly searched = output<SearchChange>();
  /** Enter in the search box, with the filters as typed so far. */
  readonly openFirst = output<SearchFilters>();

  protected readonly statuses = LIFECYCLE_STATUSES.map((value) => ({
    value,
    label: statusLabel(value, inject(AuthService).policy()),
  }));
  protected readonly roles = Object.entries(IB_ROLE_LABELS);
  protected readonly sorts = Object.entries(SORT_LABELS);

  private readonly box =
    viewChild.required<ElementRef<HTMLInputElement>>('box');
  private readonly fb = inject(FormBuilder);
  protected readonly form = this.fb.nonNullable.group({
    q: '',
    status: [[] as string[]],
    branch: ['', branchCode],
    ibRole: '',
    expires: this.fb.group({
      from: null as Date | null,
      to: null as Date | null,
    }),
    sort: DEFAULT_SORT as string,
  });
  /** The filters last sent or shown: the URL echoing them back must not undo newer typing. */
  private shown: SearchFilters | null = null;

  constructor() {
    effect(() => {
      const filters = this.filters();
      if (!this.shown || !sameFilters(filters, this.shown)) {
        this.show(filters);
      }
    });
    const c = this.form.controls;
    merge(
      merge(
        c.q.valueChanges,
        c.branch.valueChanges,
        c.expires.valueChanges,
      ).pipe(
        debounceTime(TYPING_DEBOUNCE_MS),
        map(() => true),
      ),
      merge(
        c.status.valueChanges,
        c.ibRole.valueChanges,
        c.sort.valueChanges,
      ).pipe(map(() => false)),
    )
      .pipe(takeUntilDestroyed())
      .subscribe((replaceUrl) => this.emitIfChanged(replaceUrl));
  }

  protected enter(event: Event): void {
    // Enter that confirms an IME conversion (日本語入力) is not a request to open anything.
    if ((event as KeyboardEvent).isComposing) return;
    event.preventDefault();
    const filters = this.read();
    this.shown = filters;
    this.openFirst.emit(filters);
  }

  protected clear(): void {
    this.show({});
    this.searched.emit({ filters: {}, replaceUrl: false });
  }

  protected focusOnSlash(event: KeyboardEvent): void {
    if (
      event.key !== '/' ||
      event.ctrlKey ||
      event.metaKey ||
      event.altKey ||
      event.isComposing ||
      isEditable(event.target)
    ) {
      return;
    }
    event.preventDefault();
    const box = this.box().nativeElement;
    box.focus();
    box.select();
  }

  private emitIfChanged(replaceUrl: boolean): void {
    const filters = this.read();
    if (this.shown && sameFilters(filters, this.shown)) return;
    this.shown = filters;
    this.searched.emit({ filters, replaceUrl });
  }

  /** The form as filters; a field not yet valid (店番 of two digits, half a date) keeps the one in force. */
  private read(): SearchFilters {
    const v = this.form.getRawValue();
    const { branch, expires } = this.form.controls;
    const now = this.filters();
    return normalizeFilters({
      q: v.q,
      status: v.status.join(','),
      branch: branch.valid ? v.branch : now.branch,
      ibRole: v.ibRole,
      expiresFrom: expires.controls.from.valid
        ? toIsoDate(v.expires.from)
        : now.expiresFrom,
      expiresTo: expires.controls.to.valid
        ? toIsoDate(v.expires.to)
        : now.expiresTo,
      sort: v.sort,
    });
  }

  private show(filters: SearchFilters): void {
    this.shown = filters;
    this.form.setValue(
      {
        q: filters.q ?? '',
        status: splitList(filters.status),
        branch: filters.branch ?? '',
        ibRole: filters.ibRole ?? '',
        expires: {
          from: fromIsoDate(filters.expiresFrom),
          to: fromIsoDate(filters.expiresTo),
        },
        sort: filters.sort ?? DEFAULT_SORT,
      },
      { emitEvent: false },
    );
  }
}
