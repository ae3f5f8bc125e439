/** Module boundaries (STYLE.md): enforced in `npm run check`. */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'platform-imports-no-module',
      comment: 'platform/ is the shared kernel: it never imports a business module or pages.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/(modules|web|demo)/' },
    },
    {
      name: 'modules-use-public-surface',
      comment: 'Other modules import only modules/x/index.ts (and schema.ts).',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/(index|schema)\\.tsx?$'] },
    },
    {
      name: 'db-imports-nothing-above',
      severity: 'error',
      from: { path: '^src/db/' },
      // The calendar migration seeds the official holiday rows through the engine's pure loader.
      to: { path: '^src/(modules|platform|web|demo)/', pathNot: '^src/platform/calendar/(official|types|dates|errors|index)\\.ts$' },
    },
    { name: 'no-test-code-in-src', severity: 'error', from: { path: '^src/', pathNot: '\\.test\\.tsx?$' }, to: { path: '^test/' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.tsx?$' },
  },
};
