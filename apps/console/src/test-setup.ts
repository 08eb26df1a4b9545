import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';

setupZonelessTestEnv({
  errorOnUnknownElements: true,
  errorOnUnknownProperties: true,
});

// jsdom has no canvas: say so quietly (no 2D context), so chart directives skip drawing
// instead of jsdom logging "Not implemented" for every chart. Tests check the chart's data.
HTMLCanvasElement.prototype.getContext = () => null;
