import type { Type } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { FileDownload } from '@certdesk/web';
import { CertificateKeys } from '../app/core/certificate-keys';
import { fakeKeys, settle } from './fixtures';

/** What a spec of an issuing page (取得, 更新) works with. */
export interface IssuancePageTest<T> {
  fixture: ComponentFixture<T>;
  http: HttpTestingController;
  keys: ReturnType<typeof fakeKeys>;
  /** The spy behind `FileDownload.save`. */
  save: jest.Mock;
}

/**
 * The set-up both issuing pages share: the real HTTP client against the testing backend, a router,
 * the fake key service and a spy for the download; the component is created, not yet rendered.
 */
export function issuancePageTest<T>(component: Type<T>): IssuancePageTest<T> {
  const keys = fakeKeys();
  const save = jest.fn();
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      { provide: CertificateKeys, useValue: keys },
      { provide: FileDownload, useValue: { save } },
    ],
  });
  return {
    http: TestBed.inject(HttpTestingController),
    fixture: TestBed.createComponent(component),
    keys,
    save,
  };
}

/** Lets pending work finish, then renders and waits until the page is stable. */
export async function render(
  fixture: ComponentFixture<unknown>,
): Promise<void> {
  await settle();
  fixture.detectChanges();
  await fixture.whenStable();
}

/** The button whose text is `name`, if the page shows one. */
export function buttonNamed(
  root: HTMLElement,
  name: string,
): HTMLButtonElement | undefined {
  return [...root.querySelectorAll('button')].find(
    (b) => b.textContent?.trim() === name,
  );
}

/** The input of the form field labelled `label`. */
export function inputLabelled(
  root: HTMLElement,
  label: string,
): HTMLInputElement {
  return [...root.querySelectorAll('mat-form-field')]
    .find((f) => f.querySelector('mat-label')?.textContent?.trim() === label)
    ?.querySelector('input') as HTMLInputElement;
}

/** Types `value` into the input of the form field labelled `label`, as a user would. */
export function typeInto(
  root: HTMLElement,
  label: string,
  value: string,
): void {
  const input = inputLabelled(root, label);
  input.value = value;
  input.dispatchEvent(new Event('input'));
}
