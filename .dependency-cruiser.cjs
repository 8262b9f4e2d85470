/**
 * The import rules of tonghop, checked by `npm run lint:deps` (part of `npm test`):
 *
 *   core ← gas          the Apps Script shell calls the pure domain, never the reverse
 *   core ← ui           the sidebar takes payload types, messages and small pure helpers from core
 *   core ← shared ← ui  the file reading shared by the sidebar and the CLI
 *   contract ← gas, stand-in   the Apps Script contract (types): the shell uses it, the stand-in implements it
 *   stand-in            one public surface, its index.ts: nothing outside it imports past it
 *   cli → dist/         the Node shell drives the built bundle; it imports src/gas for types only
 *   stand-in/document ← stand-in/google   the stand-in's document model knows nothing of Apps Script;
 *                       the .xlsx and PDF writers read the document only
 *   stand-in/xlsx       imported through its index.ts only
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
      from: { pathNot: '^src/stand-in/' },
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
      from: { path: '^src/stand-in/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'core-is-pure',
      comment:
        'src/core runs inside Apps Script and is tested alone: it imports no shell, page or Node code.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(gas|ui|cli|shared|stand-in|contract)/' },
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
      to: { path: '^src/(ui|cli|shared|stand-in)/' },
    },
    {
      name: 'ui-calls-the-server',
      comment:
        'The sidebar reaches the server through google.script.run only: from src/gas it takes types ' +
        '(rpc.ts types its calls from main.ts), and never the Node shell.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: '^src/(gas|cli|stand-in)/', dependencyTypesNot: ['type-only'] },
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
      name: 'cli-drives-the-bundle',
      comment:
        'The Node shell runs dist/Code.js in node:vm, as Apps Script would: from src/gas it imports ' +
        'types only (the entry points, the Apps Script contract), so that what it runs is the bundle.',
      severity: 'error',
      from: { path: '^src/(cli|stand-in)/' },
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
      from: { path: '^src/stand-in/document/' },
      to: { path: ['^src/stand-in/(google/|xlsx/|pdf[.]ts$|index[.]ts$)', '^src/(gas|contract)/'] },
    },
    {
      name: 'writers-read-the-document',
      comment:
        'The .xlsx and PDF writers read and fill the document model only, so that what they read counts ' +
        'no Apps Script call and meets no protection: no stand-in/google module (nor the index that ' +
        're-exports them).',
      severity: 'error',
      from: { path: '^src/stand-in/(xlsx/|pdf[.]ts$)', pathNot: '^src/stand-in/xlsx/load[.]ts$' },
      to: { path: '^src/stand-in/(google/|index[.]ts$)' },
    },
    {
      name: 'xlsx-loads-into-the-google-workbook',
      comment:
        'xlsx/load.ts takes one module of the Google layer, google/workbook.ts: loadXlsx constructs the ' +
        'spreadsheet the bundle then runs on (Workbook, WorkbookOptions). What it reads or sets of it is ' +
        "the document's API.",
      severity: 'error',
      from: { path: '^src/stand-in/xlsx/load[.]ts$' },
      to: {
        path: '^src/stand-in/(google/|index[.]ts$)',
        pathNot: '^src/stand-in/google/workbook[.]ts$',
      },
    },
    {
      name: 'xlsx-has-one-surface',
      comment:
        'Within the stand-in, the .xlsx reading and writing (src/stand-in/xlsx/) is imported through its ' +
        'index.ts only, so that its files can be split or merged without touching the rest.',
      severity: 'error',
      from: { path: '^src/stand-in/', pathNot: '^src/stand-in/xlsx/' },
      to: { path: '^src/stand-in/xlsx/', pathNot: '^src/stand-in/xlsx/index[.]ts$' },
    },
    {
      name: 'stand-in-has-one-surface',
      comment:
        'The stand-in is a library with one public surface, src/stand-in/index.ts: the CLI, the scripts and ' +
        'the tests import it from there, so that its files can move without touching them. Only its own ' +
        'tests (test/stand-in/) reach its internals.',
      severity: 'error',
      from: { path: '^(src|scripts|bin|test)/', pathNot: '^(src|test)/stand-in/' },
      to: { path: '^src/stand-in/', pathNot: '^src/stand-in/index[.]ts$' },
    },
    {
      name: 'contract-is-types',
      comment:
        'src/contract/apps-script.ts is the Apps Script contract, typed from @types/google-apps-script, ' +
        "plus services(), the typed view of a running script's globals that only src/gas calls: the " +
        'stand-in implements the contract and everything else imports it for types only.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/gas/' },
      to: { path: '^src/contract/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'contract-imports-nothing',
      comment: 'The contract depends on no module of tonghop (only on @types/google-apps-script).',
      severity: 'error',
      from: { path: '^src/contract/' },
      to: { path: '^src/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
