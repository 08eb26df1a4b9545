import nx from '@nx/eslint-plugin';
import baseConfig from '../../eslint.config.mjs';

/**
 * The ESLint config of an Angular app of the workspace (the console `cd`, the IB portal `ib`): Nx's
 * Angular rules, the workspace's base config, and component/directive selectors under `prefix`.
 */
export function angularApp(prefix) {
  return [
    ...nx.configs['flat/angular'],
    ...nx.configs['flat/angular-template'],
    ...baseConfig,
    {
      files: ['**/*.ts'],
      rules: {
        '@angular-eslint/directive-selector': [
          'error',
          { type: 'attribute', prefix, style: 'camelCase' },
        ],
        '@angular-eslint/component-selector': [
          'error',
          { type: 'element', prefix, style: 'kebab-case' },
        ],
      },
    },
    {
      files: ['**/*.html'],
      rules: {},
    },
  ];
}
