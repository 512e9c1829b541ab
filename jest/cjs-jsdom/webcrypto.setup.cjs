// jsdom's `crypto` has getRandomValues and randomUUID but no `subtle`: use Node's WebCrypto, which has all three.
Object.defineProperty(globalThis, 'crypto', { value: require('node:crypto').webcrypto, configurable: true })
