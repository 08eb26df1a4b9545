import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  Routes,
  provideRouter,
  withComponentInputBinding,
} from '@angular/router';

/** Where a spec's navigation away from the pages under test lands. */
@Component({ template: '' })
export class Blank {}

/**
 * Pages under `routes` as the portal routes them (parameters bound to inputs), any other URL on a
 * blank page, the API faked by the returned HttpTestingController. Open a URL with
 * `RouterTestingHarness.create`.
 */
export function routedPageTest(routes: Routes): HttpTestingController {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter(
        [...routes, { path: '**', component: Blank }],
        withComponentInputBinding(),
      ),
    ],
  });
  return TestBed.inject(HttpTestingController);
}
