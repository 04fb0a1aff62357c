import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Main and preload bundle their dependencies so the built app needs no
// node_modules beside it; only Electron itself stays external.
export default defineConfig({
  main: {
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          // The extraction worker thread's script (see extract-worker-script.ts).
          'extract-worker': resolve(__dirname, 'src/main/services/extract-worker.ts'),
          // The scan's reader threads (scan-read-threads.ts).
          'scan-read-worker': resolve(__dirname, 'src/main/services/scan-read-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    base: './',
    plugins: [react()],
    build: {
      // The page parses and evaluates its bundle before anything shows: minified, a first launch
      // on a 10,000-article corpus lost its longest main-thread task (see README, Performance).
      minify: true,
      // Files come from the local disk (app://, or 127.0.0.1 in browser mode): preloading a dynamic
      // import's chunks saves nothing, and its helper cost the page's first task 10 ms.
      modulePreload: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
