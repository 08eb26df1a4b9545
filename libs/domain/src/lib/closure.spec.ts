import {
  checkClosureReason,
  closureRefusal,
  IB_CONTRACT_CLOSED_MESSAGE,
  IB_USER_REMOVED_MESSAGE,
  removalDecisionRefusal,
  removalsNeedApproval,
} from './closure';

describe('removalsNeedApproval', () => {
  const counts = (removedIbUsers: number, activeIbUsers = 100) => ({
    closedCustomers: 0,
    removedIbUsers,
    activeCustomers: 50,
    activeIbUsers,
  });

  it.each([
    [0, false],
    [1, false],
    [5, false],
    [6, true],
    [50, true],
    [100, true],
  ])('%i of 100 IB users at the default 5 %% → %s', (removed, held) => {
    expect(removalsNeedApproval(counts(removed))).toBe(held);
  });

  it('counts closed customers against the active customers too', () => {
    expect(
      removalsNeedApproval({
        closedCustomers: 3,
        removedIbUsers: 0,
        activeCustomers: 50,
        activeIbUsers: 1000,
      }),
    ).toBe(true);
  });

  it('takes the configured percentage; 0 holds every removal', () => {
    expect(removalsNeedApproval(counts(6), 10)).toBe(false);
    expect(removalsNeedApproval(counts(11), 10)).toBe(true);
    expect(removalsNeedApproval(counts(1), 0)).toBe(true);
    expect(removalsNeedApproval(counts(0), 0)).toBe(false);
  });

  it('a credit union of few users: removing its only user is held', () => {
    expect(removalsNeedApproval(counts(1, 1))).toBe(true);
    expect(removalsNeedApproval(counts(1, 20))).toBe(false);
    expect(removalsNeedApproval(counts(2, 20))).toBe(true);
  });

  it('refuses a negative or non-numeric threshold', () => {
    expect(() => removalsNeedApproval(counts(1), -1)).toThrow(RangeError);
    expect(() => removalsNeedApproval(counts(1), Number.NaN)).toThrow(
      RangeError,
    );
  });
});

describe('closureRefusal', () => {
  it('refuses a closed contract first, then a removed user', () => {
    expect(closureRefusal({ status: 'closed' }, { status: 'removed' })).toEqual(
      { code: 'contract_closed', message: IB_CONTRACT_CLOSED_MESSAGE },
    );
    expect(closureRefusal({ status: 'active' }, { status: 'removed' })).toEqual(
      { code: 'ib_user_removed', message: IB_USER_REMOVED_MESSAGE },
    );
    expect(closureRefusal({ status: 'active' }, { status: 'active' })).toBe(
      null,
    );
  });

  it('messages end with 。 and name no field', () => {
    for (const m of [IB_CONTRACT_CLOSED_MESSAGE, IB_USER_REMOVED_MESSAGE]) {
      expect(m.endsWith('。')).toBe(true);
      expect(m).not.toMatch(/[a-z_]{3,}/);
    }
  });
});

describe('checkClosureReason', () => {
  it('trims and requires a reason of at most 500 characters', () => {
    expect(checkClosureReason('  解約届受領 ')).toEqual({
      ok: true,
      reason: '解約届受領',
    });
    expect(checkClosureReason('   ')).toEqual({
      ok: false,
      message: '理由を入力してください',
    });
    expect(checkClosureReason(undefined).ok).toBe(false);
    expect(checkClosureReason('あ'.repeat(500)).ok).toBe(true);
    expect(checkClosureReason('あ'.repeat(501)).ok).toBe(false);
  });
});

describe('removalDecisionRefusal', () => {
  it('the importer cannot decide their own held removals', () => {
    expect(removalDecisionRefusal({ requestedById: 'a' }, 'a')).toBe(
      'own_request',
    );
    expect(removalDecisionRefusal({ requestedById: 'a' }, 'b')).toBe(null);
  });
});
