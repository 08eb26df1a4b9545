import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatChipListboxHarness } from '@angular/material/chips/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import {
  Router,
  provideRouter,
  withComponentInputBinding,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type {
  ApiError,
  CertificateSearchItem,
  CertificateSearchPage,
} from '@certdesk/contracts';
import { flushApiError, settle } from '../../../testing/http';
import { TODAY } from '../../../testing/certificates.fixture';
import { CertificatesPage } from './certificates-page';

@Component({ selector: 'cd-customer-stub', template: 'ご契約先' })
class CustomerStub {}

/** The search page at `/certificates` (query parameters bound to inputs, as in the app). */
export class CertificatesPageTest {
  readonly http: HttpTestingController;
  harness!: RouterTestingHarness;
  loader!: HarnessLoader;
  private pending: TestRequest | null = null;

  constructor() {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [
            { path: 'certificates', component: CertificatesPage },
            { path: 'customers/:id', component: CustomerStub },
          ],
          withComponentInputBinding(),
        ),
        {
          provide: MATERIAL_ANIMATIONS,
          useValue: { animationsDisabled: true },
        },
      ],
    });
    this.http = TestBed.inject(HttpTestingController);
  }

  async open(url: string): Promise<void> {
    this.harness = await RouterTestingHarness.create(url);
    this.loader = TestbedHarnessEnvironment.loader(this.harness.fixture);
    await settle();
  }

  get url(): string {
    return TestBed.inject(Router).url;
  }

  /** The one pending `GET /api/certificates` (the same one until it is answered). */
  searchRequest(): TestRequest {
    this.pending ??= this.http.expectOne(
      (req) => req.url === '/api/certificates',
    );
    return this.pending;
  }

  /** Answers the pending search with these rows and lets the page render them. */
  async answer(
    items: CertificateSearchItem[],
    nextCursor: string | null = null,
  ): Promise<void> {
    const body: CertificateSearchPage = { items, nextCursor, today: TODAY };
    this.searchRequest().flush(body);
    this.pending = null;
    await this.rendered();
  }

  /** Answers the pending search the way the API refuses one. */
  async refuse(
    status: number,
    message: string,
    details?: ApiError['details'],
  ): Promise<void> {
    flushApiError(this.searchRequest(), status, message, details);
    this.pending = null;
    await this.rendered();
  }

  async rendered(): Promise<void> {
    await settle();
    await this.harness.fixture.whenStable();
  }

  field(label: string): Promise<MatFormFieldHarness> {
    return this.loader.getHarness(
      MatFormFieldHarness.with({ floatingLabelText: label }),
    );
  }

  /** The search box. */
  box(): Promise<MatInputHarness> {
    return this.loader.getHarness(
      MatInputHarness.with({ selector: '[type="search"]' }),
    );
  }

  button(text: string): Promise<MatButtonHarness> {
    return this.loader.getHarness(MatButtonHarness.with({ text }));
  }

  statusChips(): Promise<MatChipListboxHarness> {
    return this.loader.getHarness(MatChipListboxHarness);
  }

  async select(label: string): Promise<MatSelectHarness> {
    const select = await (await this.field(label)).getControl(MatSelectHarness);
    if (!select) throw new Error(`no select labelled ${label}`);
    return select;
  }

  async choose(label: string, option: string): Promise<void> {
    const select = await this.select(label);
    await select.open();
    await select.clickOptions({ text: option });
    await settle();
  }

  get element(): HTMLElement {
    return this.harness.routeNativeElement as HTMLElement;
  }
}
