#!/usr/bin/env node
// A tiny, dependency-free static file server on 127.0.0.1, for built sites such as storybook-static/ (the
// Playwright Storybook project runs against it). GET and HEAD only, no directory listings, `index.html` for
// directories, paths confined to the directory, `Cache-Control: no-cache` with Last-Modified revalidation so a
// rebuild is seen at once and an unchanged file costs a 304.
//
// Usage: node scripts/serve-static.mjs <dir> <port>     (defaults: storybook-static 6006)
//        npm run serve:static -- storybook-static 6006
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'

const [dirArg = 'storybook-static', portArg = '6006'] = process.argv.slice(2)
const root = resolve(dirArg)
const port = Number(portArg)
const host = '127.0.0.1'

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`[serve-static] "${portArg}" is not a port number.`)
  process.exit(2)
}
try {
  if (!(await stat(root)).isDirectory()) throw new Error('not a directory')
} catch {
  console.error(`[serve-static] ${root} is not a directory (build it first, e.g. npm run build-storybook).`)
  process.exit(2)
}

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
}

/** The file a URL path names inside root, or undefined when it escapes root or does not exist. */
async function resolveFile(pathname) {
  let decoded
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return undefined
  }
  if (decoded.includes('\0')) return undefined
  const candidate = resolve(join(root, decoded))
  const inside = relative(root, candidate)
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return undefined
  try {
    const info = await stat(candidate)
    if (info.isFile()) return { file: candidate, size: info.size, modified: info.mtime }
    if (info.isDirectory()) {
      const index = join(candidate, 'index.html')
      const indexInfo = await stat(index)
      if (indexInfo.isFile()) return { file: index, size: indexInfo.size, modified: indexInfo.mtime }
    }
  } catch {
    // not found
  }
  return undefined
}

const server = createServer(async (request, response) => {
  const method = request.method ?? 'GET'
  if (method !== 'GET' && method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Method Not Allowed\n')
    return
  }
  const { pathname } = new URL(request.url ?? '/', `http://${host}`)
  const found = await resolveFile(pathname)
  if (!found) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' }).end(`Not Found: ${pathname}\n`)
    return
  }
  // Revalidation (no-cache) is answered 304 when the file has not changed since: reloads stay cheap.
  const modified = new Date(Math.floor(found.modified.getTime() / 1000) * 1000)
  const since = Date.parse(request.headers['if-modified-since'] ?? '')
  if (!Number.isNaN(since) && modified.getTime() <= since) {
    response.writeHead(304, { 'last-modified': modified.toUTCString(), 'cache-control': 'no-cache' }).end()
    return
  }
  response.writeHead(200, {
    'last-modified': modified.toUTCString(),
    'content-type': types[extname(found.file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': String(found.size),
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  })
  if (method === 'HEAD') {
    response.end()
    return
  }
  createReadStream(found.file)
    .on('error', () => response.destroy())
    .pipe(response)
})

server.on('error', (error) => {
  console.error(`[serve-static] ${error.code === 'EADDRINUSE' ? `port ${port} is in use` : error.message}`)
  process.exit(1)
})
server.listen(port, host, () => {
  const address = server.address()
  console.log(`[serve-static] ${relative(process.cwd(), root) || '.'} on http://${host}:${typeof address === 'object' && address ? address.port : port}/`)
})
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0))
    server.closeAllConnections()
  })
}
