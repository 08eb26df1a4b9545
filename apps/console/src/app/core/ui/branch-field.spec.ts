import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl } from '@angular/forms';
import { BranchField, branchCode } from './branch-field';

@Component({
  imports: [BranchField],
  template: `<cd-branch-field [control]="branch" hint="3桁（例: 001）" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class FilterForm {
  readonly branch = new FormControl('', {
    nonNullable: true,
    validators: [branchCode],
  });
}

describe('BranchField', () => {
  function render() {
    const fixture = TestBed.createComponent(FilterForm);
    fixture.autoDetectChanges();
    const text = () => (fixture.nativeElement as HTMLElement).textContent ?? '';
    return { fixture, form: fixture.componentInstance, text };
  }

  it('shows the hint, then the error for a 店番 that is not three digits', async () => {
    const { fixture, text } = render();
    expect(text()).toContain('3桁（例: 001）');
    const input = (fixture.nativeElement as HTMLElement).querySelector(
      'input',
    ) as HTMLInputElement;
    input.value = '12';
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
    expect(text()).toContain('3桁の数字で入力してください');
  });

  it('follows a value its form sets from code (a reset, the URL): the error goes with the bad value', async () => {
    const { fixture, form, text } = render();
    form.branch.setValue('12');
    form.branch.markAsTouched();
    await fixture.whenStable();
    expect(text()).toContain('3桁の数字で入力してください');
    form.branch.setValue('001');
    await fixture.whenStable();
    expect(text()).not.toContain('3桁の数字で入力してください');
    expect(text()).toContain('3桁（例: 001）');
    form.branch.reset();
    await fixture.whenStable();
    expect(text()).toContain('3桁（例: 001）');
  });
});
