module.exports = require('../../tools/jest/node-project.cjs')(
  'notice-templates',
  'libs/notice-templates',
);
