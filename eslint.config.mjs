import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            // Pure rules import nothing of ours; the contracts only the domain's vocabulary (types and
            // `as const` lists), so each enumeration is defined once.
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: [] },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:domain'],
            },
            // PKI builds on the domain's date rules only.
            {
              sourceTag: 'type:pki',
              onlyDependOnLibsWithTags: ['type:domain'],
            },
            // Notice templates (rendering, variable catalogue, filters) build on the domain only.
            {
              sourceTag: 'type:templates',
              onlyDependOnLibsWithTags: ['type:domain'],
            },
            // Shared browser code (both Angular apps) builds on the contracts only.
            {
              sourceTag: 'type:web',
              onlyDependOnLibsWithTags: ['type:contracts'],
            },
            // Browser apps never reach server-side libs (pki, ORM code lives in apps/api).
            {
              sourceTag: 'scope:browser',
              onlyDependOnLibsWithTags: [
                'type:domain',
                'type:contracts',
                'type:templates',
                'type:web',
              ],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:domain',
                'type:contracts',
                'type:pki',
                'type:templates',
                'type:web',
              ],
            },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: [
                'type:domain',
                'type:contracts',
                'type:pki',
              ],
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      '**/*.ts',
      '**/*.tsx',
      '**/*.cts',
      '**/*.mts',
      '**/*.js',
      '**/*.jsx',
      '**/*.cjs',
      '**/*.mjs',
    ],
    // Override or add rules here
    rules: {},
  },
];
