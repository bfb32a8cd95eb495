import type { ChecklistItemSpec } from './checklist.js'

export interface ChecklistTemplate {
  id: string
  title: string
  equipmentType: 'elevator' | 'pump' | 'fire_system'
  items: ChecklistItemSpec[]
}

/**
 * Starting points for the inspections every site has; a plan copies a template's steps and may
 * change them. The steps follow the usual periodic-inspection forms, not any one regulator's.
 */
export const CHECKLIST_TEMPLATES: readonly ChecklistTemplate[] = [
  {
    id: 'elevator-annual-inspection',
    title: 'Annual elevator inspection',
    equipmentType: 'elevator',
    items: [
      { id: 'governor-safety-gear', label: 'Overspeed governor and safety gear tripped and held the car', kind: 'pass_fail', photoRequired: true },
      { id: 'brake', label: 'Brake holds 125 % rated load', kind: 'pass_fail' },
      { id: 'door-protection', label: 'Door protective devices (light curtain, reopening) work on every landing', kind: 'pass_fail' },
      { id: 'alarm-intercom', label: 'Emergency alarm and intercom reach the monitoring centre', kind: 'pass_fail' },
      { id: 'levelling', label: 'Worst landing levelling error', kind: 'value', unit: 'mm', min: 0, max: 10 },
      { id: 'ropes', label: 'Suspension ropes or belts: wear and tension within limits', kind: 'pass_fail', photoRequired: true },
      { id: 'machine-room', label: 'Machine room clean, lit, locked; rescue instructions posted', kind: 'pass_fail' },
      { id: 'certificate-posted', label: 'Inspection certificate posted in the car', kind: 'pass_fail', photoRequired: true }
    ]
  },
  {
    id: 'fire-pump-monthly-test',
    title: 'Monthly fire-pump test run',
    equipmentType: 'fire_system',
    items: [
      { id: 'auto-start', label: 'Pump started automatically on the pressure drop', kind: 'pass_fail' },
      { id: 'churn-pressure', label: 'Churn (no-flow) discharge pressure', kind: 'value', unit: 'bar', min: 6, max: 12, photoRequired: true },
      { id: 'run-time', label: 'Run time', kind: 'value', unit: 'min', min: 10 },
      { id: 'jockey-pump', label: 'Jockey pump cuts in and out at its set points', kind: 'pass_fail' },
      { id: 'controller-alarms', label: 'Controller alarms (power failure, phase reversal, pump running) reach the fire panel', kind: 'pass_fail' },
      { id: 'tank-level', label: 'Water tank level after the test', kind: 'value', unit: '%', min: 90 },
      { id: 'valves', label: 'Suction and discharge valves locked open', kind: 'pass_fail' }
    ]
  },
  {
    id: 'pump-quarterly-service',
    title: 'Quarterly booster-pump service',
    equipmentType: 'pump',
    items: [
      { id: 'bearing-temperature', label: 'Drive-end bearing temperature at full load', kind: 'value', unit: '°C', max: 70 },
      { id: 'vibration', label: 'Vibration velocity at the bearing housing', kind: 'value', unit: 'mm/s', max: 4.5 },
      { id: 'seal', label: 'Mechanical seal: no visible leak', kind: 'pass_fail' },
      { id: 'coupling', label: 'Coupling alignment and guard in place', kind: 'pass_fail' },
      { id: 'pressure-switch', label: 'Pressure switch cut-in and cut-out at set points', kind: 'pass_fail' }
    ]
  },
  {
    id: 'pump-bearing-inspection',
    title: 'Pump bearing inspection (early warning)',
    equipmentType: 'pump',
    items: [
      { id: 'bearing-temperature', label: 'Drive-end bearing temperature, measured at the housing', kind: 'value', unit: '°C', max: 70 },
      { id: 'vibration', label: 'Vibration velocity at the bearing housing', kind: 'value', unit: 'mm/s', max: 4.5 },
      { id: 'lubrication', label: 'Bearing regreased with the specified grease and quantity', kind: 'pass_fail' },
      { id: 'noise', label: 'No grinding or knocking from the bearing after the work', kind: 'pass_fail' }
    ]
  }
]

export function checklistTemplate(id: string): ChecklistTemplate | undefined {
  return CHECKLIST_TEMPLATES.find((template) => template.id === id)
}
