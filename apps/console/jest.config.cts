module.exports = require('../../tools/jest/angular-project.cjs')(
  'console',
  'apps/console',
);
