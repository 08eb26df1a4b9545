import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { LifecycleStatusName } from '@certdesk/contracts';
import { LIFECYCLE_STATUSES } from '@certdesk/domain';
import { AuthService } from '../auth/auth.service';
import { daysLeftLabel } from './days-left';
import { IbRoleBadge } from './ib-role-badge';
import { STATUS_TONES, StatusChip } from './status-chip';

describe('StatusChip', () => {
  async function chip(status: LifecycleStatusName): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(StatusChip);
    fixture.componentRef.setInput('status', status);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it.each<[LifecycleStatusName, string]>([
    ['valid', '有効'],
    ['renewal_due', '更新期間中'],
    ['expired', '期限切れ（ログオン不可）'],
    ['reissue_required', '再発行が必要（90日超過）'],
    ['revoked', '失効'],
    ['reissue_pending', '再発行承認待ち'],
    ['reissue_authorized', '再発行済（取得待ち）'],
    ['not_issued', '未取得'],
  ])('shows %s as 「%s」 in its colours', async (status, label) => {
    const host = await chip(status);
    expect(host.textContent?.trim()).toBe(label);
    expect(host.dataset['status']).toBe(status);
    expect(host.style.getPropertyValue('--cd-status-accent')).toBe(
      STATUS_TONES[status].accent,
    );
  });

  it("names the signed-in staff member's credit union's own limit (libs/domain)", async () => {
    TestBed.configureTestingModule({
      providers: [
        {
          provide: AuthService,
          useValue: { policy: signal({ selfServiceDaysAfterExpiry: 45 }) },
        },
      ],
    });
    expect((await chip('reissue_required')).textContent?.trim()).toBe(
      '再発行が必要（45日超過）',
    );
  });

  it('has a distinct accent colour for every status but the two greys', () => {
    const accents = LIFECYCLE_STATUSES.filter((s) => s !== 'not_issued').map(
      (s) => STATUS_TONES[s].accent,
    );
    expect(new Set(accents).size).toBe(accents.length);
  });
});

describe('IbRoleBadge', () => {
  it.each([
    ['administrator', '管理者'],
    ['user', '利用者'],
  ])('shows %s as %s', async (role, label) => {
    const fixture = TestBed.createComponent(IbRoleBadge);
    fixture.componentRef.setInput('role', role);
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent).toBe(label);
  });
});

describe('daysLeftLabel', () => {
  it.each<[number | null, string]>([
    [12, '12日'],
    [1, '1日'],
    [0, '本日まで'],
    [-5, '5日経過'],
    [null, '—'],
  ])('%p → %s', (days, label) => {
    expect(daysLeftLabel(days)).toBe(label);
  });
});
