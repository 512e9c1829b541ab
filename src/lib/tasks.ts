/**
 * Runs `callback` in a task of its own, after pending microtasks. Through a MessageChannel rather than timers:
 * tests often pause or fake the page's timers (Playwright's `page.clock`), and start-up must not wait on them.
 */
export function nextTask(callback: () => void): void {
  if (typeof MessageChannel !== 'function') return void Promise.resolve().then(callback)
  const channel = new MessageChannel()
  channel.port1.onmessage = () => {
    channel.port1.close()
    callback()
  }
  channel.port2.postMessage(undefined)
}
