module.exports = require('../../tools/jest/node-project.cjs')(
  'api',
  'apps/api',
  {
    testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.e2e-spec.ts'],
    testTimeout: 30000,
  },
);
