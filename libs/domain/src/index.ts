export * from './lib/jst-date';
export * from './lib/lifecycle';
export * from './lib/notices';
export * from './lib/kana';
export * from './lib/roles';
export * from './lib/lifecycle-reason';
export * from './lib/ib-roles';
export * from './lib/reissue';
