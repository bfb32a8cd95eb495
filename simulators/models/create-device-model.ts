import type { EquipmentType } from '../../core/domain/equipment.js'
import type { DeviceModel, DeviceModelOptions } from './device-model.js'
import { ElevatorModel } from './elevator-model.js'
import { FireSystemModel } from './fire-system-model.js'
import { PumpModel } from './pump-model.js'

export function createDeviceModel(type: EquipmentType, options: DeviceModelOptions): DeviceModel {
  switch (type) {
    case 'pump':
      return new PumpModel(options)
    case 'elevator':
      return new ElevatorModel(options)
    case 'fire_system':
      return new FireSystemModel(options)
  }
}
