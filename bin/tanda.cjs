#!/usr/bin/env node
'use strict';
// `tanda` / `npx tanda`: runs the TypeScript CLI straight from src/ through
// tsx, so there is no build step between editing and running it. The scoped
// require compiles only what this entry point loads and leaves the global
// module loader alone. chokidar, which is ESM-only, comes in through
// require(esm), available without a flag since Node 20.19 (see "engines").
const path = require('node:path');
const tsx = require('tsx/cjs/api');

const { main } = tsx.require(path.join(__dirname, '..', 'src', 'main', 'cli', 'tanda-cli.ts'), __filename);
main(process.argv.slice(2));
