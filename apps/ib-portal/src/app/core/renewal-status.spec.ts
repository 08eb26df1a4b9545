import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { IbMe } from '@certdesk/contracts';
import { ME } from '../../testing/fixtures';
import { importPlatformOf } from './import-guide';
import { RenewalStatus } from './renewal-status';

describe('RenewalStatus (after a renewal)', () => {
  let fixture: ComponentFixture<RenewalStatus>;
  const el = () => fixture.nativeElement as HTMLElement;
  const testId = (id: string) =>
    el().querySelector(`[data-testid="${id}"]`) as HTMLElement | null;

  function show(me: IbMe): void {
    fixture = TestBed.createComponent(RenewalStatus);
    fixture.componentRef.setInput('me', me);
    fixture.detectChanges();
  }

  it('tells a customer on the old certificate when the new one was issued, how to import it, and offers to renew again', () => {
    show({
      ...ME,
      newest: false,
      newerCertificate: {
        serialHex: '9a1b',
        issuedAt: '2027-11-20T01:05:00.000Z',
        expiryDate: '2028-11-20',
      },
    });
    const reminder = testId('old-certificate-reminder')?.textContent ?? '';
    expect(reminder).toContain(
      '2027年11月20日(土)に新しい電子証明書（有効期限日 2028年11月20日(月)）が発行されています。',
    );
    expect(reminder).toContain(
      '新しい電子証明書でログオンするまでは、この電子証明書も2027年12月1日(水)までご利用いただけます。',
    );
    expect(el().querySelectorAll('ib-import-guide details')).toHaveLength(3);
    const open = jest.fn();
    jest
      .spyOn(window, 'open')
      .mockImplementation((...args) => (open(...args), null));
    (testId('renew-again') as HTMLButtonElement).click();
    expect(open).toHaveBeenCalledWith('/renewal', '_blank');
    expect(testId('renewal-confirmed')).toBeNull();
  });

  it('congratulates a customer whose new certificate just logged on (seed ⑩)', () => {
    show({ ...ME, renewalConfirmed: true });
    expect(testId('renewal-confirmed')?.textContent).toContain(
      '新しい電子証明書でログオンできました。電子証明書の更新は完了です。',
    );
    expect(testId('old-certificate-reminder')).toBeNull();
  });

  it('says nothing otherwise', () => {
    show(ME);
    expect(el().textContent?.trim()).toBe('');
  });

  it.each([
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      'windows',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      'mac',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:133.0) Gecko/20100101 Firefox/133.0',
      'firefox',
    ],
  ])('opens the import guide for the browser and OS: %s', (ua, platform) => {
    expect(importPlatformOf(ua)).toBe(platform);
  });
});
