import { gzipSync } from 'node:zlib'

/**
 * What "first load" weighs, shared by the build's plugin (first-load-size-plugin.ts) and
 * `npm run bench:web`: the chunks a browser must fetch before the app's entry runs, i.e. the
 * entry and everything it imports statically. Lazily loaded pages (dynamic imports) are not in it.
 */

/** Issue 9: the manager app's first load is at most 300 KB of JavaScript, gzipped; 1 KB = 1,000 bytes (as Vite reports). */
export const FIRST_LOAD_LIMIT_BYTES = 300_000

/** One chunk of a build, as the walk needs it. */
export interface ChunkNode {
  /** Its file in the build folder (`assets/index-C6-peJkt.js`). */
  file: string
  /** Keys (in the same graph) of the chunks it imports statically: they load before it runs. */
  imports: readonly string[]
}

/**
 * The files of `roots` and of every chunk they import statically, transitively, each once, in the
 * order met (roots first). Keys are whatever the graph uses: Rollup's file names in a plugin,
 * source paths in `.vite/manifest.json`. A key missing from the graph is an error: the walk would
 * otherwise under-count.
 */
export function staticImportFiles(graph: ReadonlyMap<string, ChunkNode>, roots: readonly string[]): string[] {
  const seen = new Set<string>()
  const files: string[] = []
  const pending = [...roots]
  for (let key = pending.shift(); key !== undefined; key = pending.shift()) {
    if (seen.has(key)) continue
    seen.add(key)
    const node = graph.get(key)
    if (node === undefined) throw new Error(`chunk ${key} is imported but not in the build's chunk graph`)
    files.push(node.file)
    pending.push(...node.imports)
  }
  return files
}

/** Bytes after zlib's gzip at level 9 (Vite 8's native build report says about 1 % more for the same file). */
export function gzippedBytes(content: string | Uint8Array): number {
  return gzipSync(content, { level: 9 }).byteLength
}

/** `77.3` for 77,312 bytes: kilobytes of 1,000 bytes, one decimal. */
export function kilobytes(bytes: number): string {
  return (bytes / 1000).toFixed(1)
}
