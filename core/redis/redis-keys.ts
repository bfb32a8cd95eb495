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
    serviceAccount: (name: string) => `${prefix}:service-account:${name}`,
    apiToken: (sha256: string) => `${prefix}:api-token:${sha256}`,
    registryChanged: `${prefix}:registry-changed`,

    alert: (id: string) => `${prefix}:alert:${id}`,
    alertIndex: `${prefix}:alerts`,
    openAlert: (equipmentId: string, ruleId: string) => `${prefix}:alert-open:${equipmentId}:${ruleId}`,
    alertSequence: `${prefix}:alert-seq`,

    workOrder: (id: string) => `${prefix}:work-order:${id}`,
    workOrderIndex: `${prefix}:work-orders`,
    workOrderSequence: `${prefix}:work-order-seq`,
    activeWorkOrder: (equipmentId: string) => `${prefix}:work-order-active:${equipmentId}`,
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
