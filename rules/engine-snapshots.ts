import type { Equipment } from '../core/domain/equipment.js'
import type { Logger } from '../core/logger.js'
import type { AlertService } from './alert-service.js'
import type { EngineStateStore } from './engine-state-store.js'
import type { RulesEngine } from './rules-engine.js'

/**
 * Saves the state of the equipment whose readings were evaluated since the last save, every
 * `everyMs` and on close, and restores all of it at start: a restarted engine resumes its
 * baselines and its alert lifecycle instead of learning again (and reopening what is open).
 */
export class EngineSnapshots {
  private readonly touched = new Map<string, Equipment>()
  private timer: NodeJS.Timeout | undefined
  private saving: Promise<void> = Promise.resolve()

  constructor(
    private readonly engine: RulesEngine,
    private readonly alerts: AlertService,
    private readonly store: EngineStateStore,
    private readonly logger: Logger
  ) {}

  /** Restores what was saved for these sites; returns how many equipment were restored. */
  async restore(sites?: readonly string[]): Promise<number> {
    const saved = await this.store.load(sites)
    for (const [equipmentId, state] of saved) {
      this.engine.restore(equipmentId, state.detectors)
      this.alerts.restore(equipmentId, state.alerts)
    }
    return saved.size
  }

  /** A reading of this equipment was evaluated (cheap: called per reading). */
  touch(equipment: Equipment): void {
    this.touched.set(equipment.id, equipment)
  }

  start(everyMs: number): void {
    this.timer = setInterval(() => void this.save(), everyMs)
    this.timer.unref()
  }

  /** Saves the touched equipment (after the alert steps queued so far are applied). */
  save(): Promise<void> {
    this.saving = this.saving.then(async () => {
      if (this.touched.size === 0) return
      const batch = [...this.touched.values()]
      this.touched.clear()
      await this.alerts.settled()
      const states = new Map(
        batch.map((equipment) => [equipment.id, { siteId: equipment.siteId, savedAt: Date.now(), detectors: this.engine.snapshot(equipment.id) ?? {}, alerts: this.alerts.snapshot(equipment.id) }])
      )
      try {
        await this.store.save(states)
      } catch (error) {
        for (const equipment of batch) this.touched.set(equipment.id, equipment) // try again next time
        this.logger.warn({ err: error, equipment: batch.length }, 'could not save the rules engine state; will retry')
      }
    })
    return this.saving
  }

  async close(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer)
    await this.save()
  }
}
