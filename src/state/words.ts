/**
 * The mock's own word lists: a few short lists keep the browser bundle small where a faker locale would ship
 * thousands of names (decisions/0011-faker-subset.md).
 */

export const firstNames = [
  'ada', 'alan', 'amara', 'anika', 'aziz', 'bea', 'carlos', 'chen', 'dara', 'diego', 'elif', 'emma', 'farah',
  'felix', 'grace', 'hana', 'hugo', 'ines', 'ivan', 'jamal', 'jia', 'kai', 'kofi', 'lara', 'leon', 'lina',
  'luca', 'maya', 'mei', 'milan', 'nadia', 'noah', 'olga', 'omar', 'priya', 'rafael', 'sara', 'sven', 'tariq',
  'uma', 'vera', 'wei', 'yara', 'yusuf', 'zoe',
] as const

export const lastNames = [
  'abe', 'adeyemi', 'alvarez', 'bauer', 'bianchi', 'chen', 'costa', 'dubois', 'eriksen', 'fischer', 'garcia',
  'haddad', 'hansen', 'ito', 'jensen', 'kim', 'kowalski', 'larsen', 'lopez', 'mendes', 'moreau', 'nakamura',
  'novak', 'okafor', 'oliveira', 'park', 'petrov', 'quinn', 'rossi', 'sato', 'schmidt', 'silva', 'singh',
  'tanaka', 'varga', 'wang', 'weber', 'yilmaz', 'zhang',
] as const

export const emailDomains = ['example.com', 'example.org', 'example.net', 'mail.example', 'corp.example'] as const

export const poolNameWords = [
  'acme', 'atlas', 'aurora', 'beacon', 'cedar', 'comet', 'delta', 'ember', 'falcon', 'harbor', 'helix', 'juniper',
  'lumen', 'meridian', 'nimbus', 'orbit', 'pioneer', 'quartz', 'summit', 'tidal', 'vertex', 'willow',
] as const

export const poolNameSuffixes = ['users', 'customers', 'staff', 'members', 'prod', 'staging', 'dev'] as const

/** Platforms as they appear inside a user-agent string, with the weight they get in a seeded world. */
export const platforms = [
  { ua: 'Windows NT 10.0; Win64; x64', weight: 30 },
  { ua: 'Macintosh; Intel Mac OS X 10_15_7', weight: 22 },
  { ua: 'X11; Linux x86_64', weight: 6 },
  { ua: 'iPhone; CPU iPhone OS 18_5 like Mac OS X', weight: 18 },
  { ua: 'iPad; CPU OS 17_7 like Mac OS X', weight: 5 },
  { ua: 'Linux; Android 15; Pixel 9', weight: 10 },
  { ua: 'Linux; Android 14; SM-S921B', weight: 9 },
] as const

export const chromeMajors = [124, 126, 128, 131, 133, 135, 137, 138, 139, 140] as const
export const firefoxMajors = [125, 128, 131, 134, 136, 139, 141] as const
export const safariVersions = ['17.6', '18.2', '18.4', '18.5', '26.0'] as const

/** Names that real non-browser clients send as DeviceName (WIRE §4). */
export const nonBrowserDeviceNames = ['nodejs', 'react-native'] as const
