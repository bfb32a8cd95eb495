/** Redis keys of notifications, under the deployment's prefix (beside redis-keys.ts, which holds the shared streams). */
export function notificationKeys(prefix: string) {
  return {
    /** Hash: webhook id → stored endpoint JSON (with its secret). */
    webhooks: `${prefix}:webhooks`,
    /** List per endpoint: its delivery attempts, newest first, capped. */
    webhookDeliveries: (endpointId: string) => `${prefix}:webhook-deliveries:${endpointId}`,
    /** Hash: engineer id or token id → preferences JSON. */
    preferences: `${prefix}:notification-preferences`
  } as const
}

export type NotificationKeys = ReturnType<typeof notificationKeys>
