export * from './lib/health';
export * from './lib/errors';
export * from './lib/auth';
export * from './lib/staff';
export * from './lib/audit';
export * from './lib/certificates';
export * from './lib/customers';
