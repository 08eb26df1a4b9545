import { Liquid } from 'liquidjs';
import { isRenderTimeout } from './notice-sender';

describe('isRenderTimeout', () => {
  const liquid = new Liquid({ renderLimit: 1, strictVariables: true });
  const thrown = (template: string): unknown => {
    try {
      liquid.parseAndRenderSync(template, {});
    } catch (error) {
      return error;
    }
    throw new Error('did not throw');
  };

  it('recognises liquidjs stopping a render at its time limit (a busy process: retried)', () => {
    expect(
      isRenderTimeout(thrown('{% for i in (1..300000) %}{{ i }}{% endfor %}')),
    ).toBe(true);
  });

  it('does not take a template error for one (those fail for good)', () => {
    expect(isRenderTimeout(thrown('{{ missing }}'))).toBe(false);
    expect(isRenderTimeout(thrown('{% if %}'))).toBe(false);
    expect(isRenderTimeout(new Error('connection refused'))).toBe(false);
  });
});
