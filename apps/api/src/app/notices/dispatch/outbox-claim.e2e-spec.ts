import { describeSeededApp } from '../../../testing/describe-app';
import { CreditUnion } from '../../credit-unions/credit-union.entity';
import { addNotices } from '../../reports/testing/report-fixtures';
import { addIbUser } from '../testing/notice-fixtures';
import { NoticeOutbox } from './notice-outbox.entity';
import { OutboxStore } from './notice-outbox.repository';

describeSeededApp('claiming outbox rows on $name', ({ db, t }) => {
  it('claims at most the batch asked for, even when the statistics say the outbox is empty', async () => {
    const cu = await t.dataSource
      .getRepository(CreditUnion)
      .findOneByOrFail({ code: '1001' });
    const user = await addIbUser(t, cu, { expiry: null });
    const today = t.clock.today();
    // Statistics taken after a purge (every row deleted), then a daily run's worth of pending rows:
    // PostgreSQL then expects no row at all, and its plan rescans a `LIMIT … SKIP LOCKED` subquery
    // per row it updates, each rescan skipping the rows the statement has just updated.
    await addNotices(t, user, today, 30, 'sent', 300);
    await t.dataSource.getRepository(NoticeOutbox).delete({ status: 'sent' });
    await t.dataSource.query('ANALYZE notice_outbox');
    await addNotices(t, user, today, 30, 'pending', 60);

    const claimed = await t.app.get(OutboxStore).claim(t.clock.now(), 10);

    expect(claimed).toHaveLength(10);
    expect(
      await t.dataSource
        .getRepository(NoticeOutbox)
        .countBy({ status: 'sending' }),
    ).toBe(10);
  });

  it('reads due rows along an index in claim order: no sort of every pending row, however many there are', async () => {
    const cu = await t.dataSource
      .getRepository(CreditUnion)
      .findOneByOrFail({ code: '1001' });
    const user = await addIbUser(t, cu, { expiry: null });
    await addNotices(t, user, t.clock.today(), 10, 'pending', 3000);
    await t.dataSource.query('ANALYZE');
    // The statement the claim runs, planned (not run) with its own parameters.
    const query = jest.spyOn(t.dataSource, 'query');
    await t.app.get(OutboxStore).claim(t.clock.now(), 20);
    const [sql, values] = query.mock.calls.find(([text]) =>
      /UPDATE notice_outbox SET status = 'sending'/.test(text),
    ) as [string, unknown[]];
    query.mockRestore();
    const postgres = db.name === 'postgres';
    const plan = JSON.stringify(
      await t.dataSource.query(
        `${postgres ? 'EXPLAIN (FORMAT JSON)' : 'EXPLAIN QUERY PLAN'} ${sql}`,
        values,
      ),
    );
    expect(plan).toMatch(/ix_notice_outbox_due/);
    expect(plan).not.toMatch(postgres ? /"Sort"/ : /TEMP B-TREE/);
  });
});
