export function AlertsPage() { return <section><h1>AlertsPage</h1></section> }
