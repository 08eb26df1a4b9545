import { ConfigError, loadConfig } from './config';

describe('TRUST_PROXY', () => {
  const trustProxy = (value?: string) =>
    loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy;

  it('trusts loopback by default, a hop count, or a list of addresses, ranges and named ranges', () => {
    expect(trustProxy()).toEqual(['loopback']);
    expect(trustProxy('')).toEqual(['loopback']);
    expect(trustProxy('1')).toBe(1);
    expect(trustProxy('10.0.0.0/8, 192.0.2.7,loopback,2001:db8::/32')).toEqual([
      '10.0.0.0/8',
      '192.0.2.7',
      'loopback',
      '2001:db8::/32',
    ]);
  });

  it('refuses anything else, naming the variable', () => {
    for (const bad of [
      'yes',
      '10.0.0.0/33',
      '300.1.1.1',
      '1,,2',
      '-1',
      'lb.example',
    ])
      expect(() => trustProxy(bad)).toThrow(
        expect.objectContaining({
          name: 'ConfigError',
          variable: 'TRUST_PROXY',
        }) as ConfigError,
      );
  });
});
