/** Every string the interface shows, in each language it speaks. */
const DICTIONARY = {
  en: {
    appName: 'Vigil',
    signInTitle: 'Sign in',
    tokenLabel: 'API token',
    tokenHint: 'The token an administrator gave you (vgl_…).',
    signIn: 'Sign in',
    signOut: 'Sign out',
    badToken: 'That token is not valid (unknown, revoked or expired). Check it and try again.',
    fleetTitle: 'Equipment',
    loading: 'Loading…',
    colName: 'Name',
    colType: 'Type',
    colLocation: 'Location',
    colSite: 'Site',
    type_elevator: 'Elevator',
    type_pump: 'Pump',
    type_fire_system: 'Fire system',
    language: 'Language',
    empty: 'No equipment is registered yet.'
  },
  'zh-CN': {
    appName: 'Vigil',
    signInTitle: '登录',
    tokenLabel: 'API 令牌',
    tokenHint: '管理员发给您的令牌（vgl_…）。',
    signIn: '登录',
    signOut: '退出',
    badToken: '令牌无效（未知、已撤销或已过期）。请检查后重试。',
    fleetTitle: '设备',
    loading: '加载中…',
    colName: '名称',
    colType: '类型',
    colLocation: '位置',
    colSite: '站点',
    type_elevator: '电梯',
    type_pump: '水泵',
    type_fire_system: '消防系统',
    language: '语言',
    empty: '尚未登记任何设备。'
  }
} as const

export type Locale = keyof typeof DICTIONARY
export type MessageKey = keyof (typeof DICTIONARY)['en']
export const LOCALES: readonly { locale: Locale; name: string }[] = [
  { locale: 'en', name: 'English' },
  { locale: 'zh-CN', name: '中文' }
]

/** The browser's first language Vigil speaks: any Chinese is zh-CN; otherwise English. */
export function chooseLocale(preferred: readonly string[]): Locale {
  for (const language of preferred) {
    if (language.toLowerCase().startsWith('zh')) return 'zh-CN'
    if (language.toLowerCase().startsWith('en')) return 'en'
  }
  return 'en'
}

export function translate(locale: Locale, key: MessageKey): string {
  return DICTIONARY[locale][key]
}
