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
    empty: 'No equipment is registered yet.',
    overviewTitle: 'Fleet overview',
    filterSite: 'Site',
    filterType: 'Type',
    filterHealth: 'Health',
    all: 'All',
    band_critical: 'Critical (below 50)',
    band_warning: 'Warning (50–79)',
    band_good: 'Good (80 and above)',
    band_unknown: 'Not scored yet',
    healthLabel: 'Health',
    openAlerts: 'Open alerts',
    workOrdersLabel: 'Work orders',
    priority_urgent: 'urgent',
    priority_normal: 'normal',
    priority_low: 'low'
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
    empty: '尚未登记任何设备。',
    overviewTitle: '设备总览',
    filterSite: '站点',
    filterType: '类型',
    filterHealth: '健康度',
    all: '全部',
    band_critical: '严重（低于 50）',
    band_warning: '警告（50–79）',
    band_good: '良好（80 及以上）',
    band_unknown: '尚未评分',
    healthLabel: '健康度',
    openAlerts: '未关闭告警',
    workOrdersLabel: '工单',
    priority_urgent: '紧急',
    priority_normal: '普通',
    priority_low: '低'
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
