export default function EquipmentPage(props: Record<string, unknown>) {
  return <section><h1>EquipmentPage {JSON.stringify(props)}</h1></section>
}
