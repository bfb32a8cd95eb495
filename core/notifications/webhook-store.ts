import { randomBytes } from 'node:crypto'
import type { Redis } from '../redis/redis-connection.js'
import type { NotificationKeys } from './notification-keys.js'
import type { StoredWebhookEndpoint, WebhookFilter, WebhookFormat } from './webhook-endpoint.js'

export interface WebhookDraft {
  name: string
  format: WebhookFormat
  url: string
  filter: WebhookFilter
  /** Undefined on update: keep the one stored. */
  secret?: string | undefined
}

/** Webhook endpoints, one hash field each; few enough (tens) to read all at once for every event. */
export class WebhookStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: NotificationKeys,
    private readonly now: () => number = Date.now
  ) {}

  async create(draft: WebhookDraft): Promise<StoredWebhookEndpoint> {
    const at = new Date(this.now()).toISOString()
    const endpoint = stored(`wh_${randomBytes(8).toString('hex')}`, draft, draft.secret, at, at)
    await this.redis.hset(this.keys.webhooks, endpoint.id, JSON.stringify(endpoint))
    return endpoint
  }

  /** Replaces an endpoint's settings; its secret stays unless a new one is given. */
  async update(id: string, draft: WebhookDraft): Promise<StoredWebhookEndpoint | undefined> {
    const current = await this.get(id)
    if (current === undefined) return undefined
    const endpoint = stored(id, draft, draft.secret ?? current.secret, current.createdAt, new Date(this.now()).toISOString())
    await this.redis.hset(this.keys.webhooks, id, JSON.stringify(endpoint))
    return endpoint
  }

  async get(id: string): Promise<StoredWebhookEndpoint | undefined> {
    const raw = await this.redis.hget(this.keys.webhooks, id)
    return raw === null ? undefined : (JSON.parse(raw) as StoredWebhookEndpoint)
  }

  /** By name. */
  async list(): Promise<StoredWebhookEndpoint[]> {
    const all = Object.values(await this.redis.hgetall(this.keys.webhooks)).map((raw) => JSON.parse(raw) as StoredWebhookEndpoint)
    return all.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
  }

  /** Removes the endpoint and its delivery log; deliveries still queued find it gone and stop. */
  async delete(id: string): Promise<boolean> {
    const [[, removed] = []] = (await this.redis.multi().hdel(this.keys.webhooks, id).del(this.keys.webhookDeliveries(id)).exec()) ?? []
    return Number(removed) === 1
  }
}

function stored(id: string, draft: WebhookDraft, secret: string | undefined, createdAt: string, updatedAt: string): StoredWebhookEndpoint {
  return {
    id,
    name: draft.name,
    format: draft.format,
    url: draft.url,
    filter: { sites: [...draft.filter.sites], kinds: [...draft.filter.kinds], minSeverity: draft.filter.minSeverity },
    hasSecret: secret !== undefined,
    createdAt,
    updatedAt,
    ...(secret === undefined ? {} : { secret })
  }
}
