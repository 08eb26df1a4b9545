module.exports = require('../../tools/jest/node-project.cjs')(
  'pki',
  'libs/pki',
);
