import { createHash } from 'node:crypto'
import type { Redis } from '../redis/redis-connection.js'
import type { OccupantKeys } from './occupant-keys.js'

export interface ReportLimits {
  /** Reports one client address may send about one piece of equipment per window. */
  perAddressPerEquipment: number
  /** Reports one piece of equipment may receive per window, from every address together. */
  perEquipment: number
  windowMs: number
}

export const DEFAULT_REPORT_LIMITS: ReportLimits = { perAddressPerEquipment: 5, perEquipment: 30, windowMs: 3_600_000 }

export type ThrottleVerdict = { allowed: true } | { allowed: false; scope: 'address' | 'equipment'; retryAfterMs: number }

/**
 * Counts a report against its address and its equipment; the equipment's counter is charged only
 * when the address is within its own limit, so one noisy address cannot use up everyone's reports.
 * KEYS: address counter, equipment counter. ARGV: address limit, equipment limit, window ms.
 */
const TAKE_SCRIPT = `
local function charge(key)
  local count = redis.call('INCR', key)
  if count == 1 then redis.call('PEXPIRE', key, ARGV[3]) end
  return count
end
if charge(KEYS[1]) > tonumber(ARGV[1]) then return {'address', redis.call('PTTL', KEYS[1])} end
if charge(KEYS[2]) > tonumber(ARGV[2]) then return {'equipment', redis.call('PTTL', KEYS[2])} end
return {'ok', 0}`

/**
 * Fixed-window counters in Redis, so the limits hold across API processes. Addresses are kept
 * only as a hash: the counters say nothing about who reported.
 */
export class ReportThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly keys: OccupantKeys,
    private readonly limits: ReportLimits = DEFAULT_REPORT_LIMITS
  ) {}

  get windowMs(): number {
    return this.limits.windowMs
  }

  async take(address: string, equipmentId: string): Promise<ThrottleVerdict> {
    const addressHash = createHash('sha256').update(address).digest('hex').slice(0, 32)
    const [scope, ttlMs] = (await this.redis.eval(
      TAKE_SCRIPT,
      2,
      this.keys.reportThrottle(`${equipmentId}:${addressHash}`),
      this.keys.reportThrottle(equipmentId),
      this.limits.perAddressPerEquipment,
      this.limits.perEquipment,
      this.limits.windowMs
    )) as [string, number]
    if (scope === 'ok') return { allowed: true }
    return { allowed: false, scope: scope === 'address' ? 'address' : 'equipment', retryAfterMs: ttlMs > 0 ? ttlMs : this.limits.windowMs }
  }
}
