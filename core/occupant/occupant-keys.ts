import type { EquipmentType } from '../domain/equipment.js'

/** Redis keys of occupant requests, self-help tips and the report throttle, under the deployment's prefix. */
export function occupantKeys(prefix: string) {
  return {
    request: (id: string) => `${prefix}:occupant-request:${id}`,
    /** Sorted set of request ids by creation time. */
    requestIndex: `${prefix}:occupant-requests`,
    requestSequence: `${prefix}:occupant-request-seq`,
    /** SHA-256 of a follow token → request id. */
    requestByFollowToken: (tokenHash: string) => `${prefix}:occupant-request-follow:${tokenHash}`,
    /** Hash: `{siteId}|{kind}|{status}` → how many requests are in it. */
    requestCounts: `${prefix}:occupant-request-counts`,
    /** Hash per equipment type: tip id → tip JSON. */
    selfHelpTips: (type: EquipmentType) => `${prefix}:self-help-tips:${type}`,
    /** Set once the defaults were written, so tips staff deleted stay deleted. */
    selfHelpTipsSeeded: (type: EquipmentType) => `${prefix}:self-help-tips-seeded:${type}`,
    selfHelpTipSequence: (type: EquipmentType) => `${prefix}:self-help-tip-seq:${type}`,
    /** Counters of the report throttle, expiring with their window. */
    reportThrottle: (scope: string) => `${prefix}:occupant-throttle:${scope}`
  } as const
}

export type OccupantKeys = ReturnType<typeof occupantKeys>
