import { siteSupervisors } from '../../core/domain/dispatch-eligibility.js'
import type { Engineer } from '../../core/domain/engineer.js'
import type { NotificationEvent } from '../../core/notifications/notification-event.js'
import { notificationSiteId } from '../../core/notifications/notification-event.js'
import type { NotificationPreferenceStore } from '../../core/notifications/notification-preference-store.js'
import { concernedEngineerIds, routeEvent } from '../../core/notifications/notification-routing.js'
import type { Addressee } from '../../core/notifications/notification-routing.js'
import type { WebhookStore } from '../../core/notifications/webhook-store.js'
import type { EngineerStore } from '../../core/registry/engineer-store.js'
import type { WebhookDeliveryJob } from './webhook-deliveries.js'

export interface NotifierDeps {
  webhooks: WebhookStore
  engineers: EngineerStore
  preferences: NotificationPreferenceStore
  /** Queues one delivery (WebhookDeliveries.enqueue). */
  enqueue: (job: WebhookDeliveryJob) => Promise<void>
}

/**
 * Turns one event into its deliveries: every endpoint whose filter wants it, naming the engineers
 * it concerns who chose that endpoint (their preferences). The I/O edge around routeEvent.
 */
export class Notifier {
  constructor(private readonly deps: NotifierDeps) {}

  /** How many deliveries were queued. */
  async notify(event: NotificationEvent): Promise<number> {
    const endpoints = await this.deps.webhooks.list()
    if (endpoints.length === 0) return 0
    const siteId = notificationSiteId(event)
    const siteTeam = await this.deps.engineers.list({ siteId })
    const concerned = concernedEngineerIds(
      event,
      siteTeam.map((engineer) => ({ id: engineer.id, supervisor: engineer.sites.some((site) => site.siteId === siteId && site.supervisor) }))
    )
    const people = await this.people(concerned, siteTeam)
    const preferences = await this.deps.preferences.many(people.map((person) => person.id))
    const audience: Addressee[] = people.map((person) => ({
      mention: { id: person.id, name: person.name, ...(person.contact.phone === undefined ? {} : { phone: person.contact.phone }) },
      preferences: preferences.get(person.id) ?? { severities: [], channels: [] }
    }))
    const routes = routeEvent(event, endpoints, audience)
    for (const route of routes) await this.deps.enqueue({ endpointId: route.endpointId, event, mentions: route.mentions })
    return routes.length
  }

  /** The site's supervisor, if the registry names one. */
  async supervisorOf(siteId: string): Promise<Engineer | undefined> {
    return siteSupervisors(await this.deps.engineers.list({ siteId }), siteId)[0]
  }

  private async people(ids: readonly string[], known: readonly Engineer[]): Promise<Engineer[]> {
    const found: Engineer[] = []
    for (const id of ids) {
      const engineer = known.find((candidate) => candidate.id === id) ?? (await this.deps.engineers.get(id))
      if (engineer !== undefined) found.push(engineer)
    }
    return found
  }
}
