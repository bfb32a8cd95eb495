import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

let cached: string | undefined

/**
 * The folder holding Vigil's package.json, found from this file's location, so that bundled
 * files (rule YAML, the fleet) resolve the same way from source (tsx) and from `dist/`.
 */
export function projectRoot(): string {
  if (cached !== undefined) return cached
  let dir = path.dirname(fileURLToPath(import.meta.url))
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error('Cannot find package.json above core/: run Vigil from its project folder')
    dir = parent
  }
  cached = dir
  return dir
}
