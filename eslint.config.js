// ESLint with typescript-eslint's type-aware rules, chosen for real defects: unused code,
// promises nobody awaits or handles, `any` leaking through, and one rule of our own for the
// Firefox content-script iterator trap (eslint/no-web-iterators.js).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import noWebIterators from './eslint/no-web-iterators.js';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'artifacts/**', 'bench/**', 'demo/**', 'eslint/**', 'eslint.config.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-floating-promises': 'error',
      // An async function without await is a style choice (handlers keep one shape), not a defect.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // Types alone decide these in TypeScript; the base rules misread type-only names.
      'no-undef': 'off',
      'no-redeclare': 'off',
    },
  },
  {
    files: ['src/content/**/*.ts'],
    plugins: { handraiser: { rules: { 'no-web-iterators': noWebIterators } } },
    rules: { 'handraiser/no-web-iterators': 'error' },
  },
  {
    files: ['tests/**/*.{ts,tsx}'],
    rules: {
      // Tests reach into replies and fakes on purpose.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // Tests hand IndexedDB's own errors on, write control characters and run a page's script on purpose.
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/no-implied-eval': 'off',
      'no-control-regex': 'off',
      // The router harness hands replies to tests that know their shape.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
);
