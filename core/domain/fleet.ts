import type { Building, Device, Equipment, Site } from './equipment.js'

/** A whole estate as the simulators' fleet file describes it, ready to register. */
export interface Fleet {
  sites: Site[]
  buildings: Building[]
  equipment: Equipment[]
  devices: Device[]
}
