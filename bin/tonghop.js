#!/usr/bin/env node
// The CLI is built into dist/ by `npm run build` (npm install runs it through `prepare`).
require('../dist/cli.js').run();
