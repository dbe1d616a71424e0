import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const webRoot = fileURLToPath(new URL('./web', import.meta.url));

interface ChunkGroup {
  name: string;
  test: RegExp;
  priority: number;
  entriesAware?: boolean;
}

// Vendor chunks. `entriesAware` splits a group by the entry pages that use it, so the portal (antd-mobile) never
// preloads the admin-only antd / pro-components code, while modules used by both pages land in a shared sub-chunk.
const vendorGroups: ChunkGroup[] = [
  {
    name: 'react',
    test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|cookie|@tanstack|i18next|react-i18next|dayjs)[\\/]/,
    priority: 50,
    entriesAware: true,
  },
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 45 },
  {
    name: 'antd',
    test: /node_modules[\\/](antd|@ant-design[\\/](?!pro-)[^\\/]+|@rc-component|rc-[^\\/]+)[\\/]/,
    priority: 40,
    entriesAware: true,
  },
  { name: 'pro-components', test: /node_modules[\\/]@ant-design[\\/]pro-/, priority: 30, entriesAware: true },
  { name: 'antd-mobile', test: /node_modules[\\/]antd-mobile/, priority: 30, entriesAware: true },
  { name: 'vendor', test: /node_modules[\\/]/, priority: 10, entriesAware: true },
  { name: 'shared', test: /[\\/]web[\\/]shared[\\/]/, priority: 5 },
];

/**
 * Dev only: mimic the production server mapping — `/m`, `/m/*` → portal page, any other HTML navigation → admin page.
 */
const devPageRewrite: Plugin = {
  name: 'huimin-dev-page-rewrite',
  apply: 'serve',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      const url = req.url ?? '/';
      const path = url.split('?')[0] ?? '/';
      const wantsHtml = (req.headers.accept ?? '').includes('text/html');
      if (req.method === 'GET' && wantsHtml && !path.startsWith('/api') && !path.includes('.')) {
        req.url = path === '/m' || path.startsWith('/m/') ? '/portal/index.html' : '/admin/index.html';
      }
      next();
    });
  },
};

// Vite 8 (Rolldown): one config, two HTML entry pages, one output tree under dist/web.
// The server maps `/` → dist/web/admin/index.html and `/m/` → dist/web/portal/index.html; all assets live in /assets/.
export default defineConfig({
  root: webRoot,
  base: '/',
  appType: 'mpa',
  plugins: [react(), devPageRewrite],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1600,
    reportCompressedSize: false,
    rolldownOptions: {
      input: {
        admin: fileURLToPath(new URL('./web/admin/index.html', import.meta.url)),
        portal: fileURLToPath(new URL('./web/portal/index.html', import.meta.url)),
      },
      output: {
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
