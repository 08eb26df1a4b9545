import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';

/**
 * The foot of a form dialog: キャンセル closes it, the projected label sends the form (disabled
 * while it is being sent). Place it inside the `<form>`, after `<mat-dialog-content>`.
 */
@Component({
  selector: 'cd-form-dialog-actions',
  imports: [MatButtonModule, MatDialogModule],
  template: `
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>キャンセル</button>
      <button mat-flat-button type="submit" [disabled]="submitting()">
        <ng-content />
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FormDialogActions {
  readonly submitting = input.required<boolean>();
}
