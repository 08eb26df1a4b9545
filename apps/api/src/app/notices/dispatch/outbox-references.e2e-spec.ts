import { randomUUID } from 'node:crypto';
import { NoticeOutboxReferences1764000000260 } from '../../../migrations/1764000000260-notice-outbox-references';
import { addNotices } from '../../reports/testing/report-fixtures';
import { addIbUser } from '../testing/notice-fixtures';
import { NoticeOutbox } from './notice-outbox.entity';
import { describeSeededApp } from '../../../testing/describe-app';

describeSeededApp(
  'the outbox without foreign keys to its IB user, customer and certificate (migration …260) on $name',
  ({ db, t, seeded }) => {
    const postgres = db.name === 'postgres';

    const outbox = () => t.dataSource.getRepository(NoticeOutbox);
    const names = async (sql: string): Promise<string[]> =>
      ((await t.dataSource.query(sql)) as { name: string }[])
        .map((r) => r.name)
        .sort();
    /** What the migration must keep or change: the parents referenced, the indexes, the triggers. */
    const schema = async () => ({
      parents: await names(
        postgres
          ? `SELECT confrelid::regclass::text AS name FROM pg_constraint WHERE conrelid = 'notice_outbox'::regclass AND contype = 'f'`
          : `SELECT "table" AS name FROM pragma_foreign_key_list('notice_outbox')`,
      ),
      indexes: await names(
        postgres
          ? `SELECT indexname AS name FROM pg_indexes WHERE tablename = 'notice_outbox'`
          : `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'notice_outbox'`,
      ),
      triggers: await names(
        postgres
          ? `SELECT tgname AS name FROM pg_trigger WHERE tgrelid = 'notice_outbox'::regclass AND NOT tgisinternal`
          : `SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'notice_outbox'`,
      ),
    });
    async function migration(step: 'up' | 'down'): Promise<void> {
      const runner = t.dataSource.createQueryRunner();
      try {
        await new NoticeOutboxReferences1764000000260()[step](runner);
      } finally {
        await runner.release();
      }
    }

    it('keeps the outbox’s rows, indexes and marker trigger both ways; only the three foreign keys come and go', async () => {
      const today = t.clock.today();
      const user = await addIbUser(t, seeded.a, { expiry: today });
      await addNotices(t, user, today, 30, 'sent', 3);
      const rows = await outbox().find({ order: { id: 'ASC' } });
      const after = await schema();
      expect(after.parents).toEqual(['credit_union', 'notice_run']);
      expect(after.triggers).toContain('notice_marker_insert');

      await migration('down');
      expect(await schema()).toEqual({
        ...after,
        parents: [
          'certificate',
          'credit_union',
          'customer',
          'ib_user',
          'notice_run',
        ],
      });
      await migration('up');
      expect(await schema()).toEqual(after);
      expect(await outbox().find({ order: { id: 'ASC' } })).toEqual(rows);

      // The marker trigger still fires: a milestone row for the current certificate moves the marker.
      await outbox().insert({
        ...rows[0],
        id: randomUUID(),
        dedupeKey: `m:${user.certificate?.id}:0`,
        certificateId: user.certificate?.id ?? null,
        milestone: 0,
      });
      const [marker] = (await t.dataSource.query(
        postgres
          ? 'SELECT milestone AS m FROM notice_marker WHERE certificate_id = $1'
          : 'SELECT milestone AS m FROM notice_marker WHERE certificate_id = ?',
        [user.certificate?.id],
      )) as { m: number }[];
      expect(Number(marker.m)).toBe(0);
    });
  },
);
