/**
 * Ids of sites, buildings, equipment and devices: lowercase letters, digits and dashes. They appear
 * in MQTT topics, InfluxDB tags and URLs, so this one pattern is what keeps a topic level, a tag
 * value or a path segment from carrying anything else ('/', '+', '#', ',', '=', spaces, quotes).
 */
export const ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62})$/
export const ID_PATTERN_SOURCE = '^[a-z0-9](?:[a-z0-9-]{0,62})$'

export function isValidId(value: string): boolean {
  return ID_PATTERN.test(value)
}
