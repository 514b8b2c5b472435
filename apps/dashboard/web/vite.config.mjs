// The dashboard's page: `npm run build` (tools/build.js) builds it into dist/apps/dashboard/web,
// which the dashboard serves. `npx vite --config apps/dashboard/web/vite.config.mjs` serves it with
// hot reload on :5173, sending /api to a dashboard running on :3002.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: '../../../dist/apps/dashboard/web',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: { proxy: { '/api': 'http://localhost:3002' } },
});
