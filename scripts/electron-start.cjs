#!/usr/bin/env node
'use strict';
/**
 * `npm start` (build, then run the built app) and `npm run dev`
 * (`npm start -- --dev`: electron-vite's dev server with hot reload).
 *
 * Checks for the Electron binary first, without touching the `electron`
 * package's own loader (which would try to download it and fail with a stack
 * trace). Without a binary there is nothing to run: say so in one line and
 * point at browser mode.
 */
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');
const { findElectronBinary, electronPackageDir } = require('./electron-binary.cjs');

const PROJECT_ROOT = path.join(__dirname, '..');
const MISSING =
  'tanda: the Electron binary is not installed on this machine (its download failed). ' +
  'Run the app in your browser instead: npm run web';
const DOWNLOAD_TIMEOUT_MS = 60_000;

/** One quiet attempt at electron's own installer; set TANDA_NO_ELECTRON_DOWNLOAD=1 to skip it. */
function tryInstallOnce() {
  if (process.env.TANDA_NO_ELECTRON_DOWNLOAD === '1') return null;
  const packageDir = electronPackageDir(PROJECT_ROOT);
  if (!packageDir) return null;
  spawnSync(process.execPath, [path.join(packageDir, 'install.js')], {
    cwd: packageDir,
    stdio: 'ignore',
    timeout: DOWNLOAD_TIMEOUT_MS,
  });
  return findElectronBinary(PROJECT_ROOT);
}

function electronViteBin() {
  const packageJson = require.resolve('electron-vite/package.json', { paths: [PROJECT_ROOT] });
  return path.join(path.dirname(packageJson), 'bin', 'electron-vite.js');
}

/** Runs electron-vite with inherited stdio; resolves with its exit code. */
function electronVite(args, binary) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [electronViteBin(), ...args], {
      cwd: PROJECT_ROOT,
      stdio: 'inherit',
      // electron-vite launches this binary instead of asking the electron package.
      env: { ...process.env, ELECTRON_EXEC_PATH: binary },
    });
    child.on('error', (error) => {
      process.stderr.write(`tanda: could not run electron-vite: ${error.message}\n`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  const dev = process.argv.slice(2).includes('--dev');
  const binary = findElectronBinary(PROJECT_ROOT) ?? tryInstallOnce();
  if (!binary) {
    process.stderr.write(`${MISSING}\n`);
    return 1;
  }
  if (dev) return electronVite(['dev'], binary);
  const built = await electronVite(['build'], binary);
  if (built !== 0) return built;
  return electronVite(['preview', '--skipBuild'], binary);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`tanda: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
