import { createCa, loadCa, IssuingCa, NewCa } from '../lib/ca';
import { checkCsr, CheckedCsr } from '../lib/csr';

/** A credit union's 20-year issuing CA (「<name> 電子証明書発行CA」) made at `now`, created and loaded. */
export function creditUnionCa(
  organization: string,
  now: Date,
): { created: NewCa; ca: IssuingCa } {
  const created = createCa({
    commonName: `${organization} 電子証明書発行CA`,
    organization,
    now,
    validityYears: 20,
  });
  return { created, ca: loadCa(created.certificatePem, created.privateKeyPem) };
}

/** The checked request of a CSR that must pass `checkCsr` (a test fails loudly otherwise). */
export function acceptedCsr(csrPem: string): CheckedCsr {
  const checked = checkCsr(csrPem);
  if (!checked.ok) throw new Error(checked.reasons.join());
  return checked.request;
}
