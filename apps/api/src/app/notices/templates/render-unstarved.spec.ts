import { Liquid } from 'liquidjs';
import { RENDER_LIMIT_MS } from '@certdesk/notice-templates';
import {
  isRenderTimeout,
  RENDER_TRIES,
  renderUnstarved,
} from './render-unstarved';

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

describe('renderUnstarved', () => {
  const cutOff = (() => {
    try {
      new Liquid({ renderLimit: 1 }).parseAndRenderSync(
        '{% for i in (1..300000) %}{{ i }}{% endfor %}',
        {},
      );
    } catch (error) {
      return error;
    }
    throw new Error('did not throw');
  })();

  it('renders again at once when a render was stopped at the time limit without using the CPU (a starved process)', () => {
    let renders = 0;
    const render = () => {
      if (++renders < RENDER_TRIES) throw cutOff;
      return 'rendered';
    };
    expect(renderUnstarved(render)).toBe('rendered');
    expect(renders).toBe(RENDER_TRIES);
  });

  it(`gives up after ${RENDER_TRIES} renders, and at once when the render used its time or failed otherwise`, () => {
    let renders = 0;
    expect(() =>
      renderUnstarved(() => {
        renders++;
        throw cutOff;
      }),
    ).toThrow(cutOff as Error);
    expect(renders).toBe(RENDER_TRIES);

    renders = 0;
    expect(() =>
      renderUnstarved(() => {
        renders++;
        const start = process.cpuUsage();
        for (;;) {
          const used = process.cpuUsage(start);
          if ((used.user + used.system) / 1000 > RENDER_LIMIT_MS) break;
        }
        throw cutOff;
      }),
    ).toThrow(cutOff as Error);
    expect(renders).toBe(1);

    renders = 0;
    const missing = new Error('undefined variable: missing');
    expect(() =>
      renderUnstarved(() => {
        renders++;
        throw missing;
      }),
    ).toThrow(missing);
    expect(renders).toBe(1);
  });
});
