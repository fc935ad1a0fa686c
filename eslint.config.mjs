// typescript-eslint does not support TypeScript 7 yet: it runs on the `typescript` 6.0.3 package,
// while type-checking uses TypeScript 7 (`typescript7`, see package.json "typecheck").
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', 'reports/**', '**/*.js', '**/*.mjs', '.cache/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
);
