import { createHash } from 'node:crypto'
import type { FastifyReply } from 'fastify'
import { escapeHtml } from './html.js'
import type { PageLanguage } from './occupant-language.js'

/** Markup that is safe as it is (built by `html`). */
export class Html {
  constructor(readonly text: string) {}
}

type HtmlValue = Html | string | number | readonly Html[]

/** A tagged template that escapes every interpolated value unless it is already `Html`. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let out = strings[0] ?? ''
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '')
  })
  return new Html(out)
}

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.text
  if (typeof value === 'string' || typeof value === 'number') return escapeHtml(String(value))
  return value.map((part) => part.text).join('')
}

// Styled like the web app (its palette, font stack and cards) but self-contained and small: the page is
// read on a cheap phone, standing in a corridor. Large type, contrast of at least 4.5:1 for text and 3:1
// for control edges, every tap target at least 44 px (2.75rem) high, and a focus ring visible on any
// background (the app's yellow outline with a dark halo).
const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:17px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1b1f24;background:#f3f5f7;overflow-wrap:break-word}
header{background:#16324f;color:#fff;padding:.6rem 1rem .9rem}
header div,main{max-width:40rem;margin:0 auto}
main{padding:.5rem 1rem 3rem}
header .bar{display:flex;justify-content:space-between;align-items:center;gap:1rem}
header .brand{margin:0;font-weight:700;color:#fff}
header nav a{color:#fff;display:inline-flex;align-items:center;justify-content:center;min-height:2.75rem;min-width:2.75rem;padding:0 .4rem}
header h1{margin:.2rem 0 0;font-size:1.35rem;line-height:1.3}
header p{margin:.2rem 0 0;color:#d5e2ee}
h2{font-size:1.15rem;margin:1.4rem 0 .6rem}
section{background:#fff;border-radius:10px;padding:1rem;margin:1rem 0;box-shadow:0 1px 3px rgba(0,0,0,.1)}
section>p:first-child{margin-top:0}
section>p:last-child{margin-bottom:0}
details{border-top:1px solid #e3e7eb}
details:first-of-type{border-top:0}
summary{font-weight:600;cursor:pointer;padding:.6rem 0;min-height:2.75rem}
details p{margin:0 0 .6rem}
fieldset{border:0;padding:0;margin:0 0 1rem}
legend,label{font-weight:600;display:block;margin-bottom:.3rem}
.choice{display:flex;gap:.5rem;flex-wrap:wrap}
.choice label{font-weight:400;border:1px solid #8a96a3;border-radius:8px;padding:.5rem .8rem;margin:0;display:flex;gap:.5rem;align-items:center;min-height:2.75rem;background:#fff}
input[type=radio]{width:1.2rem;height:1.2rem;margin:0}
textarea,input[type=text],input[type=file]{width:100%;font:inherit;padding:.6rem;border:1px solid #8a96a3;border-radius:8px;background:#fff}
textarea{min-height:8rem}
input[type=file]{min-height:2.75rem;padding:.4rem;border-style:dashed}
.field{margin-bottom:1rem}
.hint{color:#56606b;font-size:.9rem;margin:.2rem 0 0}
.error{color:#a4161a;font-weight:600;margin:.2rem 0 0}
.alert{border-left:5px solid #a4161a;background:#fdecec}
.ok{border-left:5px solid #1d7a46;background:#e9f6ee}
.notice{border-left:5px solid #f0b429;background:#fff8e6}
button{font:inherit;font-weight:600;background:#16324f;color:#fff;border:0;border-radius:8px;padding:.8rem 1.4rem;min-height:2.75rem;cursor:pointer;width:100%}
:focus{outline:3px solid #f0b429;outline-offset:0;box-shadow:0 0 0 5px #16324f}
.choice input:focus{outline:0;box-shadow:none}
.choice label:focus-within{outline:3px solid #f0b429;box-shadow:0 0 0 5px #16324f}
.status{font-size:1.3rem;font-weight:700;margin:.2rem 0}
ol.timeline{list-style:none;padding:0;margin:0}
ol.timeline li{border-left:3px solid #16324f;padding:0 0 .8rem .8rem;margin-left:.3rem}
time{color:#56606b;display:block;font-size:.9rem}
.link{word-break:break-all;font-family:ui-monospace,monospace;background:#f3f5f7;padding:.4rem;border-radius:6px}
img.photo{max-width:100%;border-radius:8px;margin-top:.5rem}
.message{white-space:pre-line}
`

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64')

/**
 * Nothing runs and nothing is fetched from elsewhere: only this page's own stylesheet (by its hash),
 * images from this server, and forms posted back to it.
 */
const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`

export interface PageParts {
  /** The page's language: `<html lang>`, the header's words and the switch to the other language. */
  lang: PageLanguage
  title: string
  /** Under the title in the header (where the equipment is). */
  subtitle?: string | undefined
  body: Html
}

/**
 * A whole page in one language: the app's header bar (Vigil and the switch to the other language,
 * then the title), no scripts, no external assets, readable without CSS too.
 */
export function htmlPage(parts: PageParts): string {
  const { lang } = parts
  const other = lang.language === 'en' ? 'zh-CN' : 'en'
  // A plain link (no script): the same page with ?lang= the other language, labelled in that language.
  const languageSwitch = lang.switchHref === undefined ? '' : html`<nav aria-label="${lang.t('languageNav')}"><a href="${lang.switchHref}" hreflang="${other}" lang="${other}">${lang.t('otherLanguage')}</a></nav>`
  return `<!doctype html>
${html`<html lang="${lang.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><meta name="theme-color" content="#16324f"><title>${parts.title}</title><style>`.text}${STYLE}${html`</style></head>
<body><header><div><div class="bar"><p class="brand">${lang.t('brand')}</p>${languageSwitch}</div><h1>${parts.title}</h1>${parts.subtitle === undefined ? '' : html`<p>${parts.subtitle}</p>`}</div></header>
<main>${parts.body}</main></body></html>`.text}`
}

/** Sends a page with the headers every occupant page carries: no caching, no referrer (follow links are secrets), the CSP; its language follows the browser's. */
export function sendPage(reply: FastifyReply, status: number, page: string): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header('x-robots-tag', 'noindex')
    .header('vary', 'Accept-Language')
    .send(page)
}
