/** Text made safe to put between HTML tags or inside a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)
}

/** A whole page for people without an account: no scripts, no outside assets, readable on a phone. */
export function htmlDocument(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:36rem;padding:1rem;color:#1b1f24}
h1{font-size:1.4rem}fieldset{border:0;padding:0;margin:1rem 0}label{display:block;margin:.5rem 0}
textarea{width:100%;min-height:6rem;box-sizing:border-box}button{font:inherit;padding:.5rem 1.2rem}
.note{color:#57606a}
</style>
</head>
<body>
${body}
</body>
</html>
`
}
