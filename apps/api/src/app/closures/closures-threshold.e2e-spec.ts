import { describeClosureWorld } from '../../testing/closure-world';
import { Certificate } from '../certificates/certificate.entity';

describeClosureWorld(
  '解約・削除 below the threshold (IMPORT_REMOVAL_THRESHOLD_PERCENT=50) on $name',
  { IMPORT_REMOVAL_THRESHOLD_PERCENT: '50' },
  (w) => {
    it('a full file without one customer applies at once: closed, revoked, on the CRL, refused at log-on, audited under the importer', async () => {
      const gone = await w.customerWithCertificate('0000400001', 'soon-gone');
      await w.customerWithCertificate('0000400002', 'stays-1');
      await w.customerWithCertificate('0000400003', 'stays-2');
      const result = await w
        .importer()
        .importFile(await w.fullFile(['0000400001']), {
          full: true,
          file: { name: 'full.csv', sha256: 'cd'.repeat(32) },
        });
      expect(result.removals?.creditUnions[0]).toMatchObject({
        thresholdPercent: 50,
        needsApproval: false,
        outcome: 'applied',
        closedCustomers: 1,
        removedIbUsers: 1,
      });
      expect(result.removals?.creditUnions[0].removalRequestId).toBeUndefined();
      expect(await w.customer('0000400001')).toMatchObject({
        status: 'closed',
        closureSource: 'import',
        closureReason: expect.stringContaining('「full.csv」に含まれていない'),
      });
      const user = await w.ibUser('soon-gone');
      const cert = await w.t.dataSource
        .getRepository(Certificate)
        .findOneByOrFail({ id: user.currentCertificateId as string });
      expect(cert.revocationReason).toBe('cessationOfOperation');
      expect(await w.crlText()).toContain(
        `Serial Number: ${cert.serialHex.toUpperCase()}`,
      );
      expect((await w.ib.as(gone).get('/ib/me')).body.code).toBe(
        'contract_closed',
      );
      for (const action of ['customer.close', 'ib_user.remove'])
        expect(
          (await w.audits(action)).map((a) => [a.actorType, a.actorName]),
        ).toEqual([['system', 'import CLI']]);
      expect((await w.customer('0000400002')).status).toBe('active');
    }, 120_000);
  },
);
