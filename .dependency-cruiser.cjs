/**
 * The layers of src/ (ARCHITECTURE.md), checked in `npm run lint`:
 *
 *   page:    main.tsx → app/ → store/, export/, viz/, presets/ (and workers/client.ts, the page's
 *            end of the worker)
 *   worker:  workers/ → engine/ → losses/, metrics/, data/
 *            (losses/<id>/: one folder per loss — definition.ts, the page-safe part, math.ts, head.ts,
 *            vectors.ts; losses/common/ what several share; the registries index.ts and heads.ts)
 *   neutral: config/ (the config's types and the settings tables) and util/,
 *            which any layer may use
 *   bench/:  the `npm run bench` harness, above the engine; only bench builds load it
 *
 * Type-only imports are erased by the compiler; the layer rules that are about what ships in which
 * bundle ignore them, the cycle rule does not.
 */
const PAGE = '^src/(app|store|export|viz|presets)/|^src/main[.]tsx$';
const WORKER_SIDE = '^src/(workers|engine|losses|metrics|data)/';
/** tests and their helpers may reach across layers to set a scene up */
const TESTS = '[.]test[.]ts$|^src/testing/|/__fixtures__/|/test-support/';
const NEUTRAL = '^src/config/|^src/util/';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle makes two modules one: neither can be read, tested or moved alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'tfjs-only-in-the-worker',
      severity: 'error',
      comment: 'TensorFlow.js lives in engine/, losses/, workers/ and the benchmark; the page never loads it.',
      from: { path: '^src/', pathNot: ['^src/(engine|losses|workers|bench)/', TESTS] },
      to: { path: '@tensorflow' },
    },
    {
      name: 'tfjs-in-parts',
      severity: 'error',
      comment: 'The workers import the parts of TensorFlow.js they use (@tensorflow/tfjs-core and the backend '
        + 'packages); the umbrella @tensorflow/tfjs would bundle layers, converter and data into them. Only '
        + 'engine/tfNode.ts, the Node side of tests and scripts, loads it.',
      from: { pathNot: '^src/engine/tfNode[.]ts$' },
      to: { path: 'node_modules/@tensorflow/tfjs/' },
    },
    {
      name: 'tfjs-layers-only-in-the-bench',
      severity: 'error',
      comment: 'tf.layers is only the benchmark\'s peer model (bench builds); training uses tfjs-core alone.',
      from: { path: '^(src|scripts)/', pathNot: '^src/bench/' },
      to: { path: 'node_modules/@tensorflow/tfjs-layers/' },
    },
    {
      name: 'node-tfjs-not-in-bundles',
      severity: 'error',
      comment: 'engine/tfNode.ts loads the umbrella package for Node; product code never imports it (tests, '
        + 'scripts and the Node wasm set-up do).',
      from: { path: '^src/', pathNot: [TESTS, '^src/engine/wasm/node[.]ts$', '^src/engine/tfNode[.]ts$'] },
      to: { path: '^src/engine/tfNode[.]ts$' },
    },
    {
      name: 'engine-below-workers',
      severity: 'error',
      comment: 'engine/ is driven by the worker and knows nothing of it, of the page or of the benchmark.',
      from: { path: '^src/engine/', pathNot: TESTS },
      to: { path: '^src/(workers|app|store|export|viz|presets|bench)/', pathNot: NEUTRAL },
    },
    {
      name: 'math-below-engine',
      severity: 'error',
      comment: 'losses/ (the math and heads of each loss), metrics/ and data/ sit under the engine, which drives them.',
      from: { path: '^src/(losses|metrics|data)/', pathNot: TESTS },
      to: { path: '^src/(engine|workers|app|store|export|viz|presets|bench)/', pathNot: NEUTRAL },
    },
    {
      name: 'loss-definitions-page-safe',
      severity: 'error',
      comment: 'A loss\'s definition.ts is what the page loads of it (the registry, losses/index.ts): it reads '
        + 'only other page-safe parts, never the loss\'s math or head, which bring TensorFlow.js.',
      from: { path: '^src/losses/(index|types|[a-z]+/definition)[.]ts$' },
      to: { pathNot: ['^src/losses/(index|types|common/paramSpecs|[a-z]+/(definition|alphaSchedule|dims))[.]ts$', NEUTRAL] },
    },
    {
      name: 'worker-below-page',
      severity: 'error',
      comment: 'The worker does not import the page (client.ts is the page\'s end of the worker).',
      from: { path: '^src/workers/', pathNot: ['^src/workers/client[.]ts$', TESTS] },
      to: { path: '^src/(app|store|export|viz|presets)/', pathNot: NEUTRAL },
    },
    {
      name: 'page-code-not-worker-code',
      severity: 'error',
      comment: 'The page reaches the worker through workers/client.ts (and metricsClient.ts for imported runs), never its code.',
      from: { path: PAGE, pathNot: TESTS },
      to: {
        path: WORKER_SIDE,
        pathNot: [
          '^src/workers/(client|metricsClient|umapClient|imageDecodeClient)[.]ts$',
          // plain registries and parsers the page shows or uses before any worker exists
          '^src/losses/(index|types|common/paramSpecs|[a-z]+/(definition|alphaSchedule|dims))[.]ts$', '^src/data/(cifarUpload|types|mnist)[.]ts$', '^src/engine/lrSchedule[.]ts$',
          // your images: the set's rules, its storage (the page shows the kept classes) and hash
          '^src/data/(ownImages|ownImagesStorage|ownImagesHash|ownImagesPaths)[.]ts$',
        ],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'layers-below-app',
      severity: 'error',
      comment: 'store/, export/ and viz/ are used by app/, never the other way round.',
      from: { path: '^src/(store|export|viz|presets)/', pathNot: TESTS },
      to: { path: '^src/app/' },
    },
    {
      name: 'viz-draws-only',
      severity: 'error',
      comment: 'viz/ draws what it is given: no store, no exports.',
      from: { path: '^src/viz/', pathNot: TESTS },
      to: { path: '^src/(store|export)/', pathNot: NEUTRAL, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'bench-only-in-bench-builds',
      severity: 'error',
      comment: 'The product does not import the benchmark; the two entry points load it behind import.meta.env.MODE === \'bench\'.',
      from: { path: '^src/', pathNot: ['^src/bench/', TESTS] },
      to: { path: '^src/bench/', dependencyTypesNot: ['type-only', 'dynamic-import'] },
    },
    {
      name: 'product-not-tests',
      severity: 'error',
      comment: 'Product code does not import tests or test helpers.',
      from: { path: '^src/', pathNot: TESTS },
      to: { path: TESTS },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
  },
};
