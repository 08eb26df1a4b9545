import baseConfig from '../../eslint.config.mjs';

const DATA_ACCESS =
  'Data access lives in one layer (issue 17, docs/architecture.md): inject TenantScope, Transactions or a *.repository.ts, not the DataSource; SQL belongs in apps/api/src/app/**/<aggregate>.repository.ts or infra/.';

export default [
  ...baseConfig,
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
