export function MyWorkPage() { return <section><h1>MyWorkPage</h1></section> }
