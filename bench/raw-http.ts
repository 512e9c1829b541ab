import { connect, type Socket } from 'node:net'

/*
 * A raw HTTP/1.1 client for the HTTP benchmarks (bench/load.ts, bench/serve-load-memory.ts): requests framed once,
 * written on keep-alive sockets, answers framed by their Content-Length. It costs a few microseconds per call, so
 * that on a 2-core machine the figures are the server's, not the client's.
 */

export interface Answer {
  /** 0: no answer (the connection closed first). */
  status: number
  body?: string
}

/**
 * One keep-alive connection, reopened when the server closes it (it does after a refused body). A lost answer
 * resolves as status 0 instead of throwing: the bench reports what the server did, it never stops on it.
 */
export function connection(host: string, port: number) {
  let socket: Socket | undefined
  let pending: { resolve: (answer: Answer) => void; wantBody: boolean } | undefined
  let buffered: Buffer = Buffer.alloc(0)
  const settle = (answer: Answer) => {
    const waiting = pending
    pending = undefined
    waiting?.resolve(answer)
  }
  const onData = (chunk: Buffer) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk])
    const end = buffered.indexOf('\r\n\r\n')
    if (end < 0) return
    const head = buffered.subarray(0, end).toString('latin1')
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)
    // Every answer of the local endpoint has a Content-Length; one without is waited for until the close.
    if (!length) return
    const total = end + 4 + Number(length[1])
    if (buffered.length < total) return
    const body = pending?.wantBody ? buffered.subarray(end + 4, total).toString('utf8') : undefined
    buffered = buffered.subarray(total)
    if (/\r\nconnection:\s*close/i.test(head)) {
      socket?.destroy()
      socket = undefined
    }
    settle({ status: Number(head.slice(9, 12)), ...(body === undefined ? {} : { body }) })
  }
  const open = () => {
    const s = connect(port, host)
    s.setNoDelay(true)
    s.on('data', onData)
    s.on('error', () => {})
    s.once('close', () => {
      if (socket === s) socket = undefined
      buffered = Buffer.alloc(0)
      settle({ status: 0 })
    })
    return s
  }
  return {
    send(bytes: Buffer, wantBody = false): Promise<Answer> {
      socket ??= open()
      const answered = new Promise<Answer>((resolve) => (pending = { resolve, wantBody }))
      socket.write(bytes)
      return answered
    },
    close: () => socket?.destroy(),
  }
}

/**
 * A POST's bytes, written once and sent as they are on every call.
 *
 * @example
 * const bytes = frame('127.0.0.1:4566', '/', { 'x-amz-target': '…' }, '{}')
 */
export function frame(host: string, path: string, headers: Record<string, string>, body: Buffer | string): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body
  const head = [`POST ${path} HTTP/1.1`, `host: ${host}`, `content-length: ${bytes.byteLength}`, 'connection: keep-alive']
  for (const [name, value] of Object.entries(headers)) head.push(`${name}: ${value}`)
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), bytes])
}
