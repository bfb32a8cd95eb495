import type { EquipmentType } from '../domain/equipment.js'

/**
 * What each equipment type's QR page says before staff write their own: the checks that solve the
 * common cases, and the emergencies this form is not for. Seeded once per type; staff edit freely.
 */
export const DEFAULT_SELF_HELP_TIPS: Readonly<Record<EquipmentType, readonly { title: string; body: string }[]>> = {
  elevator: [
    { title: 'Stuck inside?', body: 'Press the alarm bell or the phone button in the car and stay calm. Do not try to force the doors open: help is on its way.' },
    { title: 'The lift does not come', body: 'Check that the call button lit up when you pressed it. The lift may be in use or being serviced; wait two minutes, or try another lift.' },
    { title: 'The doors keep reopening', body: 'Make sure nothing is in the door sensors\' way: bags, trolleys, a foot. Dirt in the door track also stops them; do not try to clear it yourself.' }
  ],
  pump: [
    { title: 'Low pressure at one tap only', body: 'Try another tap. If only one is weak, its aerator (the mesh at the spout) is probably blocked: unscrew and rinse it.' },
    { title: 'No water on your floor', body: 'Ask a neighbour whether they have water too, and report it here with your floor number: the building\'s water pumps may have stopped.' },
    { title: 'Noise or water in the plant room', body: 'Keep out of the plant room. Report what you heard or saw and when; a leak near electrical equipment is dangerous.' }
  ],
  fire_system: [
    { title: 'Fire or smoke: leave now', body: 'If there is fire or smoke, leave the building and call the emergency number. Do not use this form for an emergency.' },
    { title: 'A detector or panel beeps', body: 'A short beep every minute or so is a fault or a low battery, not a fire. Report which detector or panel and what its display says.' },
    { title: 'A sprinkler head leaks or is damaged', body: 'Do not touch it or hang anything from it. Report it here at once, with a photo if you can.' }
  ]
}
