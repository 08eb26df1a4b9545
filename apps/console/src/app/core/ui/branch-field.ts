import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

/** A 店番 as the filters take it: three digits (empty: every branch). */
export const branchCode = Validators.pattern(/^\d{3}$/);

/**
 * 店番 of a filter form, bound to the form's `control` (validated by {@link branchCode}); the host
 * takes the width the page gives it.
 */
@Component({
  selector: 'cd-branch-field',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule],
  template: `
    <mat-form-field>
      <mat-label>店番</mat-label>
      <input
        matInput
        [formControl]="control()"
        inputmode="numeric"
        maxlength="3"
        autocomplete="off"
        [placeholder]="placeholder()"
      />
      @if (control().invalid) {
        <mat-error>3桁の数字で入力してください</mat-error>
      } @else {
        <mat-hint>{{ hint() }}</mat-hint>
      }
    </mat-form-field>
  `,
  styles: `
    :host {
      display: block;
    }
    mat-form-field {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BranchField {
  readonly control = input.required<FormControl<string>>();
  readonly hint = input('3桁');
  readonly placeholder = input('');
}
