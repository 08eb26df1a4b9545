import type { TestRequest } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { MatChipListboxHarness } from '@angular/material/chips/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import type {
  ApiError,
  CertificateSearchItem,
  CertificateSearchPage,
} from '@certdesk/contracts';
import { flushApiError, settle } from '../../../testing/http';
import { TODAY } from '../../../testing/certificates.fixture';
import { RoutedPageTest } from '../../../testing/routed-page';
import { CertificatesPage } from './certificates-page';

@Component({ selector: 'cd-customer-stub', template: 'ご契約先' })
class CustomerStub {}

/** The search page at `/certificates`, as the app routes it. */
export class CertificatesPageTest extends RoutedPageTest {
  private pending: TestRequest | null = null;

  constructor() {
    super([
      { path: 'certificates', component: CertificatesPage },
      { path: 'customers/:id', component: CustomerStub },
    ]);
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
}
