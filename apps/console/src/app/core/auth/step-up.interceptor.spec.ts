import { HttpClient } from '@angular/common/http';
import type { HttpTestingController } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { Router } from '@angular/router';
import { firstValueFrom, of } from 'rxjs';
import { settle } from '../../../testing/http';
import { RoutedPageTest } from '../../../testing/routed-page';
import { AuthService } from './auth.service';
import { sessionExpiredInterceptor } from './session-expired.interceptor';
import { StepUpDialog } from './step-up-dialog';
import { stepUpInterceptor } from './step-up.interceptor';

@Component({ template: '' })
class Blank {}

const STEP_UP_BODY = {
  statusCode: 401,
  error: 'Unauthorized',
  message:
    'この操作には、パスキーまたはワンタイムパスワードでの再確認が必要です。',
  code: 'step_up_required',
  requestId: 'req-test',
};

describe('stepUpInterceptor', () => {
  let http: HttpTestingController;
  let client: HttpClient;
  let auth: AuthService;
  let answer: boolean;
  let open: jest.Mock;

  beforeEach(async () => {
    answer = true;
    open = jest.fn(() => ({ afterClosed: () => of(answer) }));
    const t = new RoutedPageTest(
      [
        { path: 'login', component: Blank },
        { path: 'reissues', component: Blank },
      ],
      [{ provide: MatDialog, useValue: { open } }],
      [stepUpInterceptor, sessionExpiredInterceptor],
    );
    http = t.http;
    client = TestBed.inject(HttpClient);
    auth = TestBed.inject(AuthService);
    await t.signIn('manager');
    await TestBed.inject(Router).navigateByUrl('/reissues');
  });

  afterEach(() => http.verify());

  function approve(): Promise<unknown> {
    return firstValueFrom(client.post('/api/reissues/r1/approve', {})).catch(
      (e: unknown) => e,
    );
  }

  it('a 401 step_up_required opens 本人確認 and sends the same request again once it is proven', async () => {
    const result = approve();
    http
      .expectOne('/api/reissues/r1/approve')
      .flush(STEP_UP_BODY, { status: 401, statusText: 'Unauthorized' });
    await settle();
    await settle();
    expect(open).toHaveBeenCalledWith(StepUpDialog, expect.any(Object));
    const retried = http.expectOne('/api/reissues/r1/approve');
    expect(retried.request.body).toEqual({});
    retried.flush({ id: 'r1', status: 'authorized' });
    await expect(result).resolves.toEqual({ id: 'r1', status: 'authorized' });
    expect(auth.isSignedIn()).toBe(true); // not taken for an ended session
  });

  it('cancelled: the caller gets the 401 and stays signed in', async () => {
    answer = false;
    const result = approve();
    http
      .expectOne('/api/reissues/r1/approve')
      .flush(STEP_UP_BODY, { status: 401, statusText: 'Unauthorized' });
    await expect(result).resolves.toMatchObject({ status: 401 });
    await settle();
    expect(auth.isSignedIn()).toBe(true);
    expect(TestBed.inject(Router).url).toBe('/reissues');
  });
});
