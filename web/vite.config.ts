import path from 'node:path'
import { defineConfig } from 'vite'
import { firstLoadSizePlugin } from './first-load-size-plugin.js'

/** The web app: built to web/dist, which the API serves at `/` (same origin: no CORS, the token stays in the page). */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  // Prints the first-load JavaScript, gzipped, beside issue 9's 300 KB limit.
  plugins: [firstLoadSizePlugin()],
  build: { outDir: path.join(import.meta.dirname, 'dist'), emptyOutDir: true, target: 'es2022' }
})
