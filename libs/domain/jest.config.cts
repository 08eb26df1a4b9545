module.exports = require('../../tools/jest/node-project.cjs')(
  'domain',
  'libs/domain',
);
