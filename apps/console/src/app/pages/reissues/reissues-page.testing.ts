import type { TestRequest } from '@angular/common/http/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import type { ReissueView } from '@certdesk/contracts';
import { params } from '../../../testing/http';
import { reissuePage } from '../../../testing/reissues.fixture';
import { RoutedPageTest } from '../../../testing/routed-page';
import { reissueRoutes } from './reissue.routes';

/** `/reissues` and `/reissues/:id` as the app routes them, for a signed-in demo staff member. */
export class ReissuesTest extends RoutedPageTest {
  constructor() {
    super([{ path: 'reissues', children: reissueRoutes }]);
  }

  /** The pending `GET /api/reissues` requests (the queue's and the badge's), by their query. */
  listRequests(): TestRequest[] {
    return this.http.match((req) => req.url === '/api/reissues');
  }

  /** Answers the queue's one list request; returns its query. */
  async answerList(
    items: ReissueView[],
    pendingCount?: number,
  ): Promise<Record<string, string | null>> {
    const [req, ...more] = this.listRequests();
    if (!req || more.length) {
      throw new Error(`expected one list request, got ${more.length + 1}`);
    }
    req.flush(reissuePage(items, pendingCount));
    await this.rendered();
    return params(req);
  }

  /** Answers every list request (after a decision: the queue's reload and the badge's). */
  async answerAll(items: ReissueView[]): Promise<number> {
    const reqs = this.listRequests();
    reqs.forEach((req) => req.flush(reissuePage(items)));
    await this.rendered();
    return reqs.length;
  }

  /** The row of a request (`data-id`). */
  row(id: string): HTMLElement {
    const row = this.element.querySelector<HTMLElement>(`tr[data-id="${id}"]`);
    if (!row) throw new Error(`no row for ${id}`);
    return row;
  }

  buttons(text: string) {
    return this.loader.getAllHarnesses(MatButtonHarness.with({ text }));
  }

  dialog(): Promise<MatDialogHarness> {
    return this.root.getHarness(MatDialogHarness);
  }

  async comment(text: string): Promise<void> {
    const dialog = await this.dialog();
    await (await dialog.getHarness(MatInputHarness)).setValue(text);
  }
}
