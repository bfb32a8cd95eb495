import type { ApiPrincipal } from '../core/auth/api-tokens.js'
import type { Equipment } from '../core/domain/equipment.js'
import type { PhotoRef } from '../core/domain/work-order.js'
import { newFollowToken } from '../core/occupant/follow-token.js'
import type { OccupantReport } from '../core/occupant/occupant-report-form.js'
import type { OccupantRequest } from '../core/occupant/occupant-request.js'
import type { OccupantRequestStore } from '../core/occupant/occupant-request-store.js'
import { occupantWorkOrderText } from '../core/occupant/occupant-work-order.js'
import type { PhotoStore } from '../core/photos/photo-store.js'
import type { Logger } from '../core/logger.js'
import type { WorkOrderService } from './work-orders/work-order.service.js'

export interface OccupantRequestIntakeDeps {
  requests: OccupantRequestStore
  workOrders: WorkOrderService
  photos: PhotoStore
  logger: Logger
  now: () => number
}

export interface Submission {
  /** Reserved with OccupantRequestStore.nextId before the form was read. */
  id: string
  equipment: Equipment
  report: OccupantReport
  photo?: PhotoRef | undefined
  /** Where staff open the request (the work order links back to it). */
  requestUrl: string
}

/**
 * Takes in what an occupant sent: stores the request with the hash of a new follow token, and
 * turns a fault into a normal-priority work order that keeps the photo and links back to the
 * request. Complaints and suggestions stay requests, for staff to answer.
 */
export class OccupantRequestIntake {
  constructor(private readonly deps: OccupantRequestIntakeDeps) {}

  async submit(submission: Submission): Promise<{ request: OccupantRequest; followToken: string }> {
    const { equipment, report, photo } = submission
    const request: OccupantRequest = {
      id: submission.id,
      kind: report.kind,
      status: 'open',
      equipmentId: equipment.id,
      equipmentType: equipment.type,
      siteId: equipment.siteId,
      buildingId: equipment.buildingId,
      description: report.description,
      createdAt: new Date(this.deps.now()).toISOString(),
      ...(report.contact === undefined ? {} : { contact: report.contact }),
      ...(photo === undefined ? {} : { photo })
    }
    const followToken = newFollowToken()
    try {
      await this.deps.requests.create(request, followToken)
    } catch (error) {
      if (photo !== undefined) await this.deps.photos.remove(photo.id)
      throw error
    }
    if (request.kind !== 'fault') return { request, followToken }
    // The request is kept even if its work order cannot be opened: staff see it, still open, in the list.
    const { title, description } = occupantWorkOrderText(request, equipment.name, submission.requestUrl)
    const principal: ApiPrincipal = { name: `occupant (request ${request.id})`, role: 'requester' }
    const { workOrder } = await this.deps.workOrders.create(
      { equipmentId: equipment.id, title, description, priority: 'normal', source: { kind: 'request', requestId: request.id }, ...(photo === undefined ? {} : { photos: [photo] }) },
      principal,
      `occupant-request-${request.id}`
    )
    const linked = await this.deps.requests.linkWorkOrder(request.id, workOrder.id)
    this.deps.logger.info({ requestId: request.id, workOrderId: workOrder.id, equipmentId: equipment.id }, 'occupant fault report became a work order')
    return { request: linked ?? request, followToken }
  }
}
