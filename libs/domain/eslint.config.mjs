import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // The domain runs in the browser too and never reads the wall clock: "today" is a parameter.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message:
            'Do not read the wall clock in the domain: take today (a JST IsoDate) as a parameter.',
        },
        {
          selector:
            "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message:
            'Do not read the wall clock in the domain: take today (a JST IsoDate) as a parameter.',
        },
      ],
      'no-restricted-globals': [
        'error',
        {
          name: 'process',
          message: 'The domain also runs in the browser: no Node-only APIs.',
        },
        {
          name: 'Buffer',
          message: 'The domain also runs in the browser: no Node-only APIs.',
        },
        {
          name: 'require',
          message: 'The domain also runs in the browser: no Node-only APIs.',
        },
      ],
    },
  },
];
