import { useEffect, useRef } from 'react'
import { echarts } from './echarts-core.js'
import type { EChartsCoreOption } from './echarts-core.js'

/**
 * One ECharts chart. `label` says in words what it shows (the canvas is an image to a screen
 * reader); the same figures are always also in a table or a CSV beside it.
 */
export function Chart({ option, label, height = 320, testId }: { option: EChartsCoreOption; label: string; height?: number; testId?: string }) {
  const element = useRef<HTMLDivElement>(null)
  const chart = useRef<ReturnType<typeof echarts.init> | undefined>(undefined)

  useEffect(() => {
    if (element.current === null) return
    const instance = echarts.init(element.current, undefined, { renderer: 'canvas' })
    chart.current = instance
    const resize = () => instance.resize()
    window.addEventListener('resize', resize)
    return () => {
      window.removeEventListener('resize', resize)
      instance.dispose()
      chart.current = undefined
    }
  }, [])

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true })
  }, [option])

  return <div ref={element} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height }} />
}
