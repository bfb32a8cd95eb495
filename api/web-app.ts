import { existsSync } from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'

/**
 * The web app (web/, built by `npm run build:web`) at `/`, on the API's own origin so the browser
 * talks to the API with no CORS. Unbuilt, `/` says how to build it instead of a blank 404.
 */
export async function serveWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  if (!existsSync(path.join(webRoot, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, (_request, reply) =>
      reply
        .code(503)
        .type('text/html; charset=utf-8')
        .send('<!doctype html><title>Vigil</title><p>The web app is not built. Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it), then reload. The API is at <a href="/docs">/docs</a>.</p>')
    )
    return
  }
  // Built files have content hashes in their names: cache them; index.html names the current ones: never cache it.
  await app.register(fastifyStatic, {
    root: webRoot,
    prefix: '/',
    wildcard: false,
    index: 'index.html',
    setHeaders: (response, file) => {
      response.header('cache-control', file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable')
    }
  })
}
