import { watch } from 'node:fs'
import type { FSWatcher } from 'node:fs'
import type { Logger } from '../core/logger.js'
import type { Redis } from '../core/redis/redis-connection.js'
import type { RedisKeys } from '../core/redis/redis-keys.js'
import { RuleFileError } from './load-rule-book.js'
import type { RuleOverrideStore } from './rule-overrides.js'
import { loadRuleSet } from './rule-set.js'
import type { RuleSet } from './rule-set.js'

export interface RuleReloaderDeps {
  dir: string
  overrides: RuleOverrideStore
  /** A connection of its own: it is put in subscriber mode. */
  subscriber: Redis
  keys: RedisKeys
  onRules: (set: RuleSet) => void
  logger: Logger
  /** Edits arrive as bursts of file events: wait this long for quiet. */
  debounceMs?: number
}

/**
 * Reloads the rules without a restart when a rule file changes or an override is set through the
 * API (announced on Redis `rulesChanged`). A file with a mistake is reported, as at start-up with
 * file:line field, and the rules in force stay as they were.
 */
export async function startRuleReloader(deps: RuleReloaderDeps): Promise<{ reload(): Promise<void>; close(): Promise<void> }> {
  const { logger } = deps
  let timer: NodeJS.Timeout | undefined
  let reloading: Promise<void> = Promise.resolve()

  const reload = (): Promise<void> => {
    reloading = reloading.then(async () => {
      try {
        const set = await loadRuleSet(deps.dir, deps.overrides)
        deps.onRules(set)
        for (const problem of set.problems) logger.warn({ problem }, 'rule override ignored')
        logger.info({ overridden: set.perEquipment.size }, 'rules reloaded')
      } catch (error) {
        if (error instanceof RuleFileError) logger.error({ problems: error.problems }, 'rule files have mistakes; the rules in force are kept')
        else logger.error({ err: error }, 'could not reload the rules; the rules in force are kept')
      }
    })
    return reloading
  }
  const soon = (): void => {
    clearTimeout(timer)
    timer = setTimeout(() => void reload(), deps.debounceMs ?? 200)
  }

  const watcher: FSWatcher = watch(deps.dir, soon)
  watcher.on('error', (error) => logger.warn({ err: error, dir: deps.dir }, 'cannot watch the rule files; reload by restarting'))
  deps.subscriber.on('message', soon)
  await deps.subscriber.subscribe(deps.keys.rulesChanged)

  return {
    reload,
    async close() {
      clearTimeout(timer)
      watcher.close()
      deps.subscriber.disconnect()
      await reloading
    }
  }
}
