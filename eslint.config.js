// ESLint (flat config): typescript-eslint's recommended rules over the TypeScript sources, zero
// warnings allowed (`npm run lint`). Layer rules are dependency-cruiser's (.dependency-cruiser.cjs).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** the six losses' ids (src/losses/types.ts LossId) */
const LOSS_ID = "/^(softmax|heated|center|triplet|pair|simplex)$/";
/** comparing or switching on a loss id (see the block that uses them) */
const LOSS_ID_RULES = [
  { selector: `BinaryExpression[operator=/^[!=]==?$/]:has(> Literal[value=${LOSS_ID}])`, message: 'Ask the loss definition (getLoss(id).capabilities and the like) instead of comparing a loss id.' },
  { selector: `SwitchCase > Literal[value=${LOSS_ID}]`, message: 'Ask the loss definition instead of switching on a loss id.' },
];
const WORKER_LET = 'No module-level `let` in src/workers: the worker\'s state lives in its Session (session.ts); elsewhere keep it in a const object or a class.';

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
    rules: { 'no-restricted-syntax': ['error', ...LOSS_ID_RULES] },
  },
  {
    // the trainer worker's state lives in one object, its Session (src/workers/session.ts), not in
    // module variables that any function may change; a flat config replaces a rule's options rather
    // than adding to them, so the loss-id selectors are repeated here
    files: ['src/workers/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...LOSS_ID_RULES,
        { selector: "Program > VariableDeclaration[kind='let']", message: WORKER_LET },
        { selector: "Program > ExportNamedDeclaration > VariableDeclaration[kind='let']", message: WORKER_LET },
      ],
    },
  },
);
