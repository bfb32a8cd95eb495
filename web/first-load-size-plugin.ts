import type { Logger, Plugin } from 'vite'
import { FIRST_LOAD_LIMIT_BYTES, gzippedBytes, kilobytes, staticImportFiles } from './first-load-size.js'
import type { ChunkNode } from './first-load-size.js'

/**
 * Prints, after the build has written its files, the first-load JavaScript (the entry chunk and
 * every chunk it imports statically, each gzipped) beside issue 9's limit, so the figure is in
 * every `npm run build:web`. Says it through Vite's logger: `logLevel: 'silent'` silences it too.
 */
export function firstLoadSizePlugin(): Plugin {
  let logger: Logger | undefined
  return {
    name: 'vigil:first-load-size',
    apply: 'build',
    configResolved(config) {
      logger = config.logger
    },
    writeBundle(_options, bundle) {
      const graph = new Map<string, ChunkNode>()
      const code = new Map<string, string>()
      const entries: string[] = []
      for (const [fileName, output] of Object.entries(bundle)) {
        if (output.type !== 'chunk') continue
        graph.set(fileName, { file: fileName, imports: output.imports })
        code.set(fileName, output.code)
        if (output.isEntry) entries.push(fileName)
      }
      const bytes = staticImportFiles(graph, entries).reduce((sum, file) => sum + gzippedBytes(code.get(file) ?? ''), 0)
      const line = `first-load JavaScript: ${kilobytes(bytes)} KB gzipped (limit ${FIRST_LOAD_LIMIT_BYTES / 1000} KB)`
      if (bytes > FIRST_LOAD_LIMIT_BYTES) logger?.warn(`${line}: over the limit`)
      else logger?.info(line)
    }
  }
}
