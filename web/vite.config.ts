/// <reference types="vitest" />
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// `npm run dev` proxies /api to a running nabijd (NABIJ_URL, default http://127.0.0.1:8080).
export default defineConfig({
  plugins: [preact()],
  server: {
    proxy: { '/api': { target: process.env.NABIJ_URL ?? 'http://127.0.0.1:8080', changeOrigin: false } },
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
