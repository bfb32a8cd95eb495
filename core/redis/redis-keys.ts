/**
 * Every Redis key Vigil uses, under one prefix so several deployments (and parallel tests) can
 * share a server. Records are JSON strings; `*Index` keys are sets or sorted sets of ids.
 */
export function redisKeys(prefix: string) {
  return {
    prefix,
    site: (id: string) => `${prefix}:site:${id}`,
    siteIndex: `${prefix}:sites`,
    building: (id: string) => `${prefix}:building:${id}`,
    buildingIndex: `${prefix}:buildings`,
    equipment: (id: string) => `${prefix}:equipment:${id}`,
    equipmentIndex: `${prefix}:equipment-index`,
    device: (id: string) => `${prefix}:device:${id}`,
    deviceIndex: `${prefix}:devices`,
    /** Hash: device id → when its readings were last stored (epoch ms, ingest's clock); written by ingest per batch. */
    deviceLastSeen: `${prefix}:device-last-seen`,
    /** Sets of ids: what hangs off a registry record, so a delete can name what is in its way. */
    siteBuildings: (siteId: string) => `${prefix}:site-buildings:${siteId}`,
    siteEngineers: (siteId: string) => `${prefix}:site-engineers:${siteId}`,
    buildingEquipment: (buildingId: string) => `${prefix}:building-equipment:${buildingId}`,
    equipmentDevices: (equipmentId: string) => `${prefix}:equipment-devices:${equipmentId}`,
    /** Equipment QR code id → equipment id. */
    equipmentByQrCode: (code: string) => `${prefix}:equipment-qr:${code}`,
    engineer: (id: string) => `${prefix}:engineer:${id}`,
    engineerIndex: `${prefix}:engineers`,
    serviceAccount: (name: string) => `${prefix}:service-account:${name}`,
    apiToken: (sha256: string) => `${prefix}:api-token:${sha256}`,
    /** A token's listing (name, role, dates; never the secret), by token id. */
    apiTokenRecord: (id: string) => `${prefix}:api-token-record:${id}`,
    /** Sorted set of token ids by creation time. */
    apiTokenIndex: `${prefix}:api-tokens`,
    /** A person's account by lowercase username: name, role, scrypt hash of the password (never the password). */
    userAccount: (username: string) => `${prefix}:user:${username}`,
    /** Set of usernames. */
    userAccountIndex: `${prefix}:users`,
    /** Set of the token ids a user's sign-ins issued, revoked when the account is deleted or its password changes. */
    userSessions: (username: string) => `${prefix}:user-sessions:${username}`,
    /** Failed sign-ins of one username from one address (by a hash of both), counted over a fixed window. */
    signInFailures: (hash: string) => `${prefix}:sign-in-failures:${hash}`,
    /** @fastify/rate-limit's counters, one per token or client address. */
    rateLimitPrefix: `${prefix}:rate-limit:`,
    registryChanged: `${prefix}:registry-changed`,

    alert: (id: string) => `${prefix}:alert:${id}`,
    alertIndex: `${prefix}:alerts`,
    openAlert: (equipmentId: string, ruleId: string) => `${prefix}:alert-open:${equipmentId}:${ruleId}`,
    lastAlert: (equipmentId: string, ruleId: string) => `${prefix}:alert-last:${equipmentId}:${ruleId}`,
    alertEvents: `${prefix}:alert-events`,
    /** The last alert event copied to InfluxDB. */
    alertEventsCopied: `${prefix}:alert-events-copied`,
    alertSequence: `${prefix}:alert-seq`,

    /** Latest health score per equipment (JSON with its reasons), written by the rules engine every minute. */
    health: `${prefix}:health`,
    /** Pub/sub: the scores that changed in a health report, relayed to the web app's live stream. */
    healthChanged: `${prefix}:health-changed`,
    /** Per-equipment rule overrides, one JSON field per `equipment/rule`; a message on rulesChanged tells engines to reload. */
    ruleOverrides: `${prefix}:rule-overrides`,
    rulesChanged: `${prefix}:rules-changed`,
    /** The rules engine's saved state (detectors, alert lifecycle), one field per equipment. */
    engineState: `${prefix}:rules-state`,
    maintenanceWindows: (equipmentId: string) => `${prefix}:maintenance-windows:${equipmentId}`,

    workOrder: (id: string) => `${prefix}:work-order:${id}`,
    workOrderIndex: `${prefix}:work-orders`,
    workOrderSequence: `${prefix}:work-order-seq`,
    activeWorkOrder: (equipmentId: string) => `${prefix}:work-order-active:${equipmentId}`,
    /** Every change of a work order, oldest first (a list of JSON entries). */
    workOrderAudit: (id: string) => `${prefix}:work-order-audit:${id}`,
    /** Notices to occupants, id → JSON, and the stream of notices posted and withdrawn (for webhooks). */
    notices: `${prefix}:notices`,
    noticeEvents: `${prefix}:notice-events`,
    /** Maintenance plans, id → JSON; each plan's progress (occurrences opened, where counts restart). */
    maintenancePlans: `${prefix}:maintenance-plans`,
    maintenancePlanProgress: (planId: string) => `${prefix}:maintenance-plan-progress:${planId}`,
    /** A rating link by the SHA-256 of its token: the work order it rates and when it expires. */
    ratingLink: (tokenHash: string) => `${prefix}:rating-link:${tokenHash}`,
    /** The resolved or closed work order an alert condition reopens if it comes back soon (expires with the window). */
    verificationWindow: (equipmentId: string, ruleId: string) => `${prefix}:work-order-verify:${equipmentId}:${ruleId}`,
    /** Missed response deadlines: a stream of escalations, and their count per site. */
    escalations: `${prefix}:escalations`,
    escalationCounts: `${prefix}:escalation-counts`,
    /** Every work-order change as an event (written with the change itself): the live stream and notifications read it. */
    workOrderEvents: `${prefix}:work-order-events`,
    /** The active work orders assigned to an engineer: their load, for dispatch. */
    engineerWorkOrders: (engineerId: string) => `${prefix}:engineer-work-orders:${engineerId}`,
    idempotency: (key: string) => `${prefix}:idempotency:${key}`,

    deadLetters: `${prefix}:dead-letters`,
    deadLetterCounts: `${prefix}:dead-letter-counts`,
    unknownMetrics: `${prefix}:unknown-metrics`,
    rollupDirtyMinutes: `${prefix}:rollup-dirty-minutes`,

    /** BullMQ's own prefix: its keys live under `{prefix}:bull:{queue}:...`. */
    bullPrefix: `${prefix}:bull`
  } as const
}

export type RedisKeys = ReturnType<typeof redisKeys>
