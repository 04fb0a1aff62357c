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
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
