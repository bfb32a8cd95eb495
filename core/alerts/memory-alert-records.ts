import type { Alert } from '../domain/alert.js'
import type { AlertRecords, NewAlert } from './alert-store.js'

/**
 * The alert store in memory, with the Redis store's rules (one open alert per condition, reopen
 * the last one): what a replay and the fleet benchmark run the alert service on.
 */
export class MemoryAlertRecords implements AlertRecords {
  readonly alerts: Alert[] = []
  private readonly openByCondition = new Map<string, Alert>()
  private readonly lastByCondition = new Map<string, Alert>()
  private sequence = 0

  open(draft: NewAlert): Promise<Alert | undefined> {
    return Promise.resolve(this.openNow(draft))
  }

  private openNow(draft: NewAlert): Alert | undefined {
    const key = conditionKey(draft.equipmentId, draft.ruleId)
    if (this.openByCondition.has(key)) return undefined
    const alert: Alert = { id: `al_${(++this.sequence).toString(36)}`, status: 'open', reopens: 0, flapping: false, ...draft }
    this.alerts.push(alert)
    this.openByCondition.set(key, alert)
    this.lastByCondition.set(key, alert)
    return { ...alert }
  }

  reopen(equipmentId: string, ruleId: string, _at: string, flapping: boolean): Promise<Alert | undefined> {
    return Promise.resolve(this.reopenNow(equipmentId, ruleId, flapping))
  }

  private reopenNow(equipmentId: string, ruleId: string, flapping: boolean): Alert | undefined {
    const key = conditionKey(equipmentId, ruleId)
    const alert = this.lastByCondition.get(key)
    if (alert === undefined) return undefined
    if (!this.openByCondition.has(key)) {
      this.openByCondition.set(key, alert)
      alert.status = 'open'
      alert.reopens++
      delete alert.resolvedAt
    }
    if (flapping) alert.flapping = true
    return { ...alert }
  }

  resolve(equipmentId: string, ruleId: string, resolvedAt: string): Promise<Alert | undefined> {
    return Promise.resolve(this.resolveNow(equipmentId, ruleId, resolvedAt))
  }

  private resolveNow(equipmentId: string, ruleId: string, resolvedAt: string): Alert | undefined {
    const key = conditionKey(equipmentId, ruleId)
    const alert = this.openByCondition.get(key)
    if (alert === undefined) return undefined
    this.openByCondition.delete(key)
    alert.status = 'resolved'
    alert.resolvedAt = resolvedAt
    alert.flapping = false
    return { ...alert }
  }

  unmute(id: string): Promise<Alert | undefined> {
    return Promise.resolve(this.unmuteNow(id))
  }

  private unmuteNow(id: string): Alert | undefined {
    const alert = this.alerts.find((a) => a.id === id)
    if (alert === undefined || (alert.status !== 'open' && alert.status !== 'acknowledged')) return undefined
    delete alert.muted
    return { ...alert }
  }
}

function conditionKey(equipmentId: string, ruleId: string): string {
  return `${equipmentId}\u0000${ruleId}`
}
