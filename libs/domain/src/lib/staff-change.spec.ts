import {
  grantNeedsApproval,
  passwordResetNeedsApproval,
  staffChangeRefusal,
} from './staff-change';
import { STAFF_ROLES } from './roles';

describe('staff changes under dual control', () => {
  it('granting manager or admin waits for a second admin; other roles do not', () => {
    expect(STAFF_ROLES.filter(grantNeedsApproval)).toEqual([
      'manager',
      'admin',
    ]);
  });

  it('only an admin’s password reset waits for a second admin', () => {
    expect(STAFF_ROLES.filter(passwordResetNeedsApproval)).toEqual(['admin']);
  });

  it('the requester and the account concerned may not decide; anyone else may', () => {
    const request = { requestedById: 'a', staffId: 'b' };
    expect(staffChangeRefusal(request, 'a')).toBe('own_request');
    expect(staffChangeRefusal(request, 'b')).toBe('own_account');
    expect(staffChangeRefusal(request, 'c')).toBeNull();
    expect(
      staffChangeRefusal({ requestedById: 'a', staffId: null }, 'c'),
    ).toBeNull();
  });
});
