export function WorkOrdersPage() { return <section><h1>WorkOrdersPage</h1></section> }
