/**
 * Runs tasks one at a time, in the order they were given: state changes never interleave, whatever the
 * tasks await. A failing task does not stop the ones after it.
 *
 * @example
 * const serial = new Serial()
 * await Promise.all([serial.run(first), serial.run(second)]) // second starts once first has settled
 */
export class Serial {
  #tail: Promise<unknown> = Promise.resolve()

  run<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(task)
    this.#tail = run.catch(() => undefined)
    return run
  }
}
