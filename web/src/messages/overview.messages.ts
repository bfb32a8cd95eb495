import { defineMessages } from './define-messages.js'

/** The manager's fleet overview. */
export const OVERVIEW_MESSAGES = defineMessages({
  en: {
    overviewTitle: 'Fleet overview',
    filterSite: 'Site',
    filterType: 'Type',
    filterHealth: 'Health',
    band_critical: 'Critical (below 50)',
    band_warning: 'Warning (50–79)',
    band_good: 'Good (80 and above)',
    band_unknown: 'Not scored yet',
    healthLabel: 'Health',
    openAlerts: 'Open alerts',
    workOrdersLabel: 'Work orders',
    emptyFleet: 'No equipment is registered yet.',
    shownCount: '{shown} of {total} shown',
    needsAttention: 'Needs attention ({count})',
    allHealthy: 'Nothing scored below 80: every piece of equipment looks healthy.'
  },
  'zh-CN': {
    overviewTitle: '设备总览',
    filterSite: '站点',
    filterType: '类型',
    filterHealth: '健康度',
    band_critical: '严重（低于 50）',
    band_warning: '警告（50–79）',
    band_good: '良好（80 及以上）',
    band_unknown: '尚未评分',
    healthLabel: '健康度',
    openAlerts: '未关闭告警',
    workOrdersLabel: '工单',
    emptyFleet: '尚未登记任何设备。',
    shownCount: '显示 {shown} / {total}',
    needsAttention: '需要关注（{count}）',
    allHealthy: '没有低于 80 分的设备：全部状态良好。'
  }
})
