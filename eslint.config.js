// ESLint (flat config): typescript-eslint's recommended rules over the TypeScript sources, zero
// warnings allowed (`npm run lint`). Layer rules are dependency-cruiser's (.dependency-cruiser.cjs).
import { existsSync, readdirSync } from 'node:fs';
import { URL } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** the losses' ids: the folders of src/losses/ that hold a definition.ts (a new loss is covered as it lands) */
const LOSS_IDS = readdirSync(new URL('./src/losses/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(new URL(`./src/losses/${d.name}/definition.ts`, import.meta.url)))
  .map((d) => d.name);
if (LOSS_IDS.length === 0) throw new Error('eslint.config.js: no loss folders found under src/losses/');
const LOSS_ID = `/^(${LOSS_IDS.join('|')})$/`;
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
    // prediction, needsPK…), so only the loss folders and their registries compare or switch on an id
    files: ['src/**/*.{ts,tsx}', 'scripts/**/*.ts'],
    ignores: ['src/losses/**', '**/*.test.ts'],
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
