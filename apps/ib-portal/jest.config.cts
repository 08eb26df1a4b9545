module.exports = require('../../tools/jest/angular-project.cjs')(
  'ib-portal',
  'apps/ib-portal',
);
