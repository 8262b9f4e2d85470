/**
 * The import rules of tonghop, checked by `npm run lint:deps` (part of `npm test`):
 *
 *   core ← gas          the Apps Script shell calls the pure domain, never the reverse
 *   core ← ui           the sidebar takes payload types, messages and small pure helpers from core
 *   core ← shared ← ui  the file reading shared by the sidebar and the CLI
 *   local → dist/       the Node shell drives the built bundle; it imports src/gas for types only
 *   stand-in/document ← stand-in/google   the stand-in's document model knows nothing of Apps Script;
 *                       the .xlsx and PDF writers read the document only
 *   local/xlsx          imported through its index.ts only
 *
 * and no import cycle. A type-only import counts in a cycle everywhere except among the stand-in's
 * own files (see the rule).
 *
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'No two modules import each other, directly or through others, type-only imports included: ' +
        'move what both need to a module of its own (types to a types module, strings to messages/).',
      severity: 'error',
      from: { pathNot: '^src/local/stand-in/' },
      to: { circular: true },
    },
    {
      name: 'no-circular-in-stand-in',
      comment:
        "The stand-in mirrors Apps Script's object graph, whose interfaces refer to each other " +
        '(Range.getSheet(), Sheet.getParent(), Protection.getRange()): there a type-only back ' +
        'reference (a sheet knows the type of its workbook) is allowed, being erased at compile ' +
        'time. A cycle of runtime imports is not.',
      severity: 'error',
      from: { path: '^src/local/stand-in/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'core-is-pure',
      comment:
        'src/core runs inside Apps Script and is tested alone: it imports no shell, page or Node code.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(gas|ui|local|shared)/' },
    },
    {
      name: 'messages-hold-text',
      comment: 'src/core/messages holds strings and formatters: from the domain it imports types only.',
      severity: 'error',
      from: { path: '^src/core/messages/' },
      to: { path: '^src/core/', pathNot: '^src/core/messages/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'gas-is-the-server',
      comment: 'The Apps Script bundle imports neither the sidebar nor the Node shell (nor Node-only code).',
      severity: 'error',
      from: { path: '^src/gas/' },
      to: { path: '^src/(ui|local|shared)/' },
    },
    {
      name: 'ui-calls-the-server',
      comment:
        'The sidebar reaches the server through google.script.run only: from src/gas it takes types ' +
        '(rpc.ts types its calls from main.ts), and never the Node shell.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: '^src/(gas|local)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'ui-takes-payloads-from-core',
      comment:
        'From src/core the sidebar takes types, the Vietnamese messages, the payload modules ' +
        '(their schemas and constants) and formulas.ts (columnLetter, for the file column shown); the ' +
        'rules themselves run on the server.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: {
        path: '^src/core/',
        pathNot: '^src/core/(messages/|sidebar-api[.]ts$|import-api[.]ts$|import-wire[.]ts$|formulas[.]ts$)',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'local-drives-the-bundle',
      comment:
        'The Node shell runs dist/Code.js in node:vm, as Apps Script would: from src/gas it imports ' +
        'types only (the entry points, the Apps Script contract), so that what it runs is the bundle.',
      severity: 'error',
      from: { path: '^src/local/' },
      to: { path: '^src/(gas|ui)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'stand-in-document-knows-no-google',
      comment:
        "The stand-in's document model (cells, formulas, styles, merges) is the layer below Google's " +
        'behaviour: it imports nothing from stand-in/google nor the Apps Script contract, type-only ' +
        'imports included. What it needs of the layer above it declares abstract (createSheet, ' +
        'conditionalFormat, beyondTheDocument).',
      severity: 'error',
      from: { path: '^src/local/stand-in/document/' },
      to: { path: ['^src/local/stand-in/(google/|index[.]ts$)', '^src/gas/'] },
    },
    {
      name: 'writers-read-the-document',
      comment:
        'The .xlsx and PDF writers read and fill the document model only, so that what they read counts ' +
        'no Apps Script call and meets no protection: no stand-in/google module (nor the index that ' +
        're-exports them).',
      severity: 'error',
      from: { path: '^src/local/(xlsx/|pdf[.]ts$)', pathNot: '^src/local/xlsx/load[.]ts$' },
      to: { path: '^src/local/stand-in/(google/|index[.]ts$)' },
    },
    {
      name: 'xlsx-loads-into-the-google-workbook',
      comment:
        'xlsx/load.ts takes one module of the Google layer, google/workbook.ts: loadXlsx constructs the ' +
        'spreadsheet the bundle then runs on (Workbook, WorkbookOptions). What it reads or sets of it is ' +
        "the document's API.",
      severity: 'error',
      from: { path: '^src/local/xlsx/load[.]ts$' },
      to: {
        path: '^src/local/stand-in/(google/|index[.]ts$)',
        pathNot: '^src/local/stand-in/google/workbook[.]ts$',
      },
    },
    {
      name: 'xlsx-has-one-surface',
      comment:
        'The .xlsx reading and writing (src/local/xlsx/) is imported through its index.ts only, so that ' +
        'its files can be split or merged without touching the rest: loadXlsx, saveXlsx, SheetProgress. ' +
        'Its tests may reach further.',
      severity: 'error',
      from: { path: '^(src|scripts|bin)/', pathNot: '^src/local/xlsx/' },
      to: { path: '^src/local/xlsx/', pathNot: '^src/local/xlsx/index[.]ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
