export const EQUIPMENT_TYPES = ['elevator', 'pump', 'fire_system'] as const
export type EquipmentType = (typeof EQUIPMENT_TYPES)[number]

export function isEquipmentType(value: string): value is EquipmentType {
  return (EQUIPMENT_TYPES as readonly string[]).includes(value)
}

export interface Site {
  id: string
  name: string
  /** IANA time zone, e.g. Asia/Shanghai: the site's local day drives load cycles and reports. */
  timezone: string
}

export interface Building {
  id: string
  siteId: string
  name: string
}

export interface Equipment {
  id: string
  siteId: string
  buildingId: string
  type: EquipmentType
  name: string
  /** Where an engineer finds it, in words ("Tower A, basement plant room B2"). */
  location: string
  /**
   * The short random code printed on its QR sticker, unique and unguessable: it opens the public
   * report page and checks an engineer in. The registry gives every equipment it stores one.
   */
  qrCode?: string
}

/** A sensor gateway attached to one piece of equipment; it speaks MQTT with its own credentials. */
export interface Device {
  id: string
  equipmentId: string
  siteId: string
  buildingId: string
  equipmentType: EquipmentType
}
