export default function AnalyticsPage(props: Record<string, unknown>) {
  return <section><h1>AnalyticsPage {JSON.stringify(props)}</h1></section>
}
