// ESLint (flat config): typescript-eslint's recommended rules over the TypeScript sources, zero
// warnings allowed (`npm run lint`). Layer rules are dependency-cruiser's (.dependency-cruiser.cjs).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** the six losses' ids (src/losses/types.ts LossId) */
const LOSS_ID = "/^(softmax|heated|center|triplet|pair|simplex)$/";

export default tseslint.config(
  { ignores: ['dist/', 'dist-bench/', 'node_modules/', 'public/', 'bench/', 'test-results/', 'e2e/artifacts/', 'docs/', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      // the compiler's noUnusedLocals/noUnusedParameters already report these; `_name` marks an intended one
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // a loss is one unit: what the rest of the code needs of it is in its definition (capabilities,
    // prediction, needsPK…), so only the losses and their heads compare or switch on a loss's id
    files: ['src/**/*.{ts,tsx}', 'scripts/**/*.ts'],
    ignores: ['src/losses/**', 'src/engine/heads/**', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: `BinaryExpression[operator=/^[!=]==?$/]:has(> Literal[value=${LOSS_ID}])`, message: 'Ask the loss definition (getLoss(id).capabilities and the like) instead of comparing a loss id.' },
        { selector: `SwitchCase > Literal[value=${LOSS_ID}]`, message: 'Ask the loss definition instead of switching on a loss id.' },
      ],
    },
  },
);
