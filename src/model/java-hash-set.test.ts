import { describe, expect, it } from 'vitest'
import { javaHashSetOrder } from './java-hash-set.ts'

describe('javaHashSetOrder', () => {
  it('reproduces the one real Cognito sample (MfaConfigType)', () => {
    expect(javaHashSetOrder(['OFF', 'ON', 'OPTIONAL'])).toEqual(['OPTIONAL', 'OFF', 'ON'])
  })
  it('orders the device remembered-status enum', () => {
    expect(javaHashSetOrder(['remembered', 'not_remembered'])).toEqual(['not_remembered', 'remembered'])
  })
  it('keeps every value exactly once', () => {
    const values = Array.from({ length: 40 }, (_, i) => `VALUE_${i}`)
    expect([...javaHashSetOrder(values)].sort()).toEqual([...values].sort())
  })
})
