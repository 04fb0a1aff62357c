'use strict';
/**
 * Where the Electron executable is, or null, found WITHOUT loading the
 * `electron` package: its index.js starts a download when the binary is
 * missing. Used by `npm start` (scripts/electron-start.cjs) and by the
 * Electron e2e spec, so both agree on what "installed" means.
 */
const fs = require('node:fs');
const path = require('node:path');

const PROJECT_ROOT = path.join(__dirname, '..');

/** What electron's install.js writes to path.txt on each platform. */
function platformExecutable(platform = process.platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

function electronPackageDir(projectRoot = PROJECT_ROOT) {
  try {
    return path.dirname(require.resolve('electron/package.json', { paths: [projectRoot] }));
  } catch {
    return null;
  }
}

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Honours ELECTRON_EXEC_PATH (electron-vite's override) and
 * ELECTRON_OVERRIDE_DIST_PATH (electron's), then node_modules/electron/path.txt.
 */
function findElectronBinary(projectRoot = PROJECT_ROOT, env = process.env) {
  if (env.ELECTRON_EXEC_PATH) return isFile(env.ELECTRON_EXEC_PATH) ? env.ELECTRON_EXEC_PATH : null;
  const packageDir = electronPackageDir(projectRoot);
  let relative = null;
  if (packageDir) {
    try {
      relative = fs.readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim() || null;
    } catch {
      relative = null;
    }
  }
  let candidate = null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH)
    candidate = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || platformExecutable());
  else if (packageDir && relative) candidate = path.join(packageDir, 'dist', relative);
  return candidate && isFile(candidate) ? candidate : null;
}

module.exports = { findElectronBinary, electronPackageDir, platformExecutable };
