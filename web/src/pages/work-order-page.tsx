export function WorkOrderPage({ id }: { id: string }) { return <section><h1>{id}</h1></section> }
