import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const webRoot = fileURLToPath(new URL('./web', import.meta.url));

const vendorGroups: { name: string; test: RegExp; priority: number }[] = [
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 40 },
  { name: 'pro-components', test: /node_modules[\\/]@ant-design[\\/]pro-/, priority: 30 },
  {
    name: 'antd-mobile',
    test: /node_modules[\\/](antd-mobile|antd-mobile-icons|@react-spring|@use-gesture)[\\/]/,
    priority: 30,
  },
  { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+)[\\/]/, priority: 20 },
  {
    name: 'react',
    test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack)[\\/]/,
    priority: 20,
  },
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
