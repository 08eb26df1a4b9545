/**
 * The Jest config of a Node project of the workspace (libs and the API): ts-jest with the
 * project's own tsconfig.spec.json, coverage under coverage/<root>; `extra` adds to it.
 */
module.exports = function nodeProject(name, root, extra = {}) {
  return {
    displayName: name,
    preset: '../../jest.preset.js',
    testEnvironment: 'node',
    transform: {
      '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    },
    moduleFileExtensions: ['ts', 'js', 'html'],
    coverageDirectory: `../../coverage/${root}`,
    ...extra,
  };
};
