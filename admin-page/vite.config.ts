/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Relative asset URLs: the server puts a <base href> naming /realms/{realm}/backoffice/app/ into index.html.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    outDir: 'target/classes/backoffice-admin-page',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
