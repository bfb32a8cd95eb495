import path from 'node:path'
import { defineConfig } from 'vite'

/** The web app: built to web/dist, which the API serves at `/` (same origin: no CORS, the token stays in the page). */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: path.join(import.meta.dirname, 'dist'), emptyOutDir: true, target: 'es2022' }
})
