import type { EquipmentType } from '../domain/equipment.js'
import type { Redis } from '../redis/redis-connection.js'
import { DEFAULT_SELF_HELP_TIPS } from './default-self-help-tips.js'
import type { OccupantKeys } from './occupant-keys.js'
import { inWrittenOrder } from './self-help-tip.js'
import type { SelfHelpTip } from './self-help-tip.js'

/**
 * Writes the default tips of a type the first time its tips are touched, and only then: a marker
 * remembers it, so tips staff deleted stay deleted. KEYS: tips, marker, sequence. ARGV: defaults
 * (JSON array without ids).
 */
const SEED_SCRIPT = `
if redis.call('SET', KEYS[2], '1', 'NX') then
  for _, tip in ipairs(cjson.decode(ARGV[1])) do
    tip.id = 'tip-' .. redis.call('INCR', KEYS[3])
    redis.call('HSET', KEYS[1], tip.id, cjson.encode(tip))
  end
end
return 1`

const UPDATE_SCRIPT = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`

/** Self-help tips per equipment type in Redis, one hash per type (tip id → JSON). */
export class SelfHelpTipStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: OccupantKeys,
    private readonly now: () => number = Date.now
  ) {}

  async list(type: EquipmentType): Promise<SelfHelpTip[]> {
    await this.seed(type)
    const values = await this.redis.hvals(this.keys.selfHelpTips(type))
    return inWrittenOrder(values.map((json) => JSON.parse(json) as SelfHelpTip))
  }

  async add(type: EquipmentType, text: { title: string; body: string }, by: string): Promise<SelfHelpTip> {
    await this.seed(type)
    const tip: SelfHelpTip = { id: `tip-${await this.redis.incr(this.keys.selfHelpTipSequence(type))}`, ...text, updatedAt: new Date(this.now()).toISOString(), updatedBy: by }
    await this.redis.hset(this.keys.selfHelpTips(type), tip.id, JSON.stringify(tip))
    return tip
  }

  /** The tip rewritten, or undefined if the type has no such tip. */
  async replace(type: EquipmentType, id: string, text: { title: string; body: string }, by: string): Promise<SelfHelpTip | undefined> {
    await this.seed(type)
    const tip: SelfHelpTip = { id, ...text, updatedAt: new Date(this.now()).toISOString(), updatedBy: by }
    const written = (await this.redis.eval(UPDATE_SCRIPT, 1, this.keys.selfHelpTips(type), id, JSON.stringify(tip))) as number
    return written === 1 ? tip : undefined
  }

  /** Whether there was such a tip. */
  async remove(type: EquipmentType, id: string): Promise<boolean> {
    await this.seed(type)
    return (await this.redis.hdel(this.keys.selfHelpTips(type), id)) === 1
  }

  private async seed(type: EquipmentType): Promise<void> {
    const at = new Date(this.now()).toISOString()
    const defaults = DEFAULT_SELF_HELP_TIPS[type].map((tip) => ({ ...tip, updatedAt: at, updatedBy: 'Vigil (default tip)' }))
    await this.redis.eval(SEED_SCRIPT, 3, this.keys.selfHelpTips(type), this.keys.selfHelpTipsSeeded(type), this.keys.selfHelpTipSequence(type), JSON.stringify(defaults))
  }
}
