export * from './lib/kinds';
export * from './lib/variables';
export * from './lib/engine';
export * from './lib/validate';
export * from './lib/urls';
export * from './lib/diff';
export * from './lib/defaults';
