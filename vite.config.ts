import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiPort = process.env['PORT'] ?? '8080';
const apiOrigin = `http://127.0.0.1:${apiPort}`;

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: {
    port: Number(process.env['VITE_PORT'] ?? 5173),
    proxy: {
      '/api': {
        target: apiOrigin,
        // The API refuses a Host that is not its own and an Origin that is not its own. A
        // request the page sent to Vite from Vite's own origin is same-origin for the API too,
        // so the proxy says so; any other Origin goes through as it is (and is refused).
        changeOrigin: true,
        configure(proxy) {
          proxy.on('proxyReq', (proxyReq, req) => {
            const origin = req.headers.origin;
            if (origin !== undefined && origin === `http://${req.headers.host ?? ''}`) {
              proxyReq.setHeader('origin', apiOrigin);
            }
          });
        },
      },
    },
  },
  build: {
    outDir: 'dist',
    // No source maps: they would publish the original source (the server refuses *.map too).
    sourcemap: false,
    // Lists each entry's chunks, so tests can tell which scripts a screen loads.
    manifest: true,
    rolldownOptions: {
      output: {
        // zod and the switch that turns its eval probe off (src/lib/zod-csp.ts) travel in one
        // chunk. Every chunk that builds a schema imports it, so the switch is set before any
        // schema exists however the rest is split: a schema built first probes `new Function`,
        // which the CSP refuses and reports.
        codeSplitting: {
          groups: [
            {
              name: 'zod',
              test: /[\\/]node_modules[\\/]zod[\\/]|[\\/]src[\\/]lib[\\/]zod-csp\.ts$/,
            },
          ],
        },
      },
    },
  },
  worker: { format: 'es' },
});
