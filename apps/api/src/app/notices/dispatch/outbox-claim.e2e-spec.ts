import { describeSeededApp } from '../../../testing/describe-app';
import { planOf, Statement, statementsOf } from '../../../testing/plans';
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
    await pendingRows(3000);
    const statements = await statementsOf(t.dataSource, () =>
      t.app.get(OutboxStore).claim(t.clock.now(), 20),
    );
    const update = statements.find(([text]) =>
      /UPDATE notice_outbox SET status = 'sending'/.test(text),
    ) as Statement;
    const plan = await planOf(t.dataSource, update);
    expect(plan).toMatch(/ix_notice_outbox_due/);
    expect(plan).not.toMatch(postgres() ? /"Sort"/ : /TEMP B-TREE/);
  });

  it('reads back only the rows it claimed, by their keys: never the whole outbox', async () => {
    await pendingRows(3000);
    const statements = await statementsOf(t.dataSource, () =>
      t.app.get(OutboxStore).claim(t.clock.now(), 20),
    );
    // The read of the claimed rows (the claim's UPDATE sets `claim_token`; this is the SELECT).
    const [read, ...more] = statements.filter(([text]) =>
      /^\s*SELECT[\s\S]*notice_outbox[\s\S]*claim_token/i.test(text),
    );
    expect(more).toHaveLength(0);
    const plan = await planOf(t.dataSource, read);
    // Before: found by `claim_token` alone, which has no index — a full read of the outbox per claim.
    expect(plan).not.toMatch(
      postgres() ? /"Seq Scan"/ : /\bSCAN (NoticeOutbox|notice_outbox)\b/,
    );
    expect(plan).toMatch(
      postgres()
        ? /"Index Name":"PK_[^"]*"/
        : /SEARCH NoticeOutbox USING INDEX sqlite_autoindex_notice_outbox_1 \(id=\?\)/,
    );
  });

  const postgres = () => db.name === 'postgres';

  async function pendingRows(count: number): Promise<void> {
    const cu = await t.dataSource
      .getRepository(CreditUnion)
      .findOneByOrFail({ code: '1001' });
    const user = await addIbUser(t, cu, { expiry: null });
    await addNotices(t, user, t.clock.today(), 10, 'pending', count);
    await t.dataSource.query('ANALYZE');
  }
});
