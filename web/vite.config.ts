import path from 'node:path'
import { defineConfig } from 'vite'
import { firstLoadSizePlugin } from './first-load-size-plugin.js'

/** The web app: built to web/dist, which the API serves at `/` (same origin: no CORS, the token stays in the page). */
export default defineConfig(({ mode }) => ({
  root: import.meta.dirname,
  // The mode, not the environment, picks React's build: a build made under vitest (NODE_ENV=test)
  // would otherwise ship React's development build, with its doubled effects and warnings.
  define: { 'process.env.NODE_ENV': JSON.stringify(mode === 'production' ? 'production' : 'development') },
  base: '/',
  oxc: { jsx: { runtime: 'automatic', development: mode !== 'production' } },
  // Prints the first-load JavaScript, gzipped, beside issue 9's 300 KB limit.
  plugins: [firstLoadSizePlugin()],
  build: { outDir: path.join(import.meta.dirname, 'dist'), emptyOutDir: true, target: 'es2022' }
}))
