import baseConfig from '../../eslint.config.mjs';

const DATA_ACCESS =
  'Data access lives in one layer (issue 17, docs/architecture.md): inject TenantScope, Transactions or a *.repository.ts, not the DataSource; SQL belongs in apps/api/src/app/**/<aggregate>.repository.ts or infra/.';

const ONE_WAY_TO_REFUSE =
  'A refusal is an AppError with an ErrorCode (issue 17, docs/architecture.md): throw new AppError(code[, message]) from infra/http/app-error.ts; its status is in ERROR_STATUS, its wording in the libs/contracts catalogue (ERROR_MESSAGES). Nest exceptions carry no message of ours.';

export default [
  ...baseConfig,
  {
    // One way to refuse: no Nest exception with a message or body (new NotFoundException() alone is
    // the framework's own answer, e.g. a route hidden behind a token).
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'NewExpression[callee.name=/Exception$/][arguments.length>0]',
          message: ONE_WAY_TO_REFUSE,
        },
      ],
    },
  },
  {
    // No DataSource outside infra/ and the repositories (tests and their helpers may reach the database directly).
    files: ['src/**/*.ts'],
    ignores: [
      'src/app/infra/**',
      'src/**/*.repository.ts',
      'src/**/*.spec.ts',
      'src/testing/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'typeorm',
              importNames: ['DataSource'],
              message: DATA_ACCESS,
            },
            {
              name: '@nestjs/typeorm',
              importNames: ['InjectDataSource', 'getDataSourceToken'],
              message: DATA_ACCESS,
            },
          ],
        },
      ],
    },
  },
];
