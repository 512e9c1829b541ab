/**
 * The mock's own word lists. The names and example domains make the default faker locale (`projectLocale` in
 * faker.ts): a few short lists where faker's `en` would load thousands of names into every dev page
 * (decisions/0014-faker-at-run-time.md). The rest shape values no faker locale has: pool names and user agents
 * as real clients send them.
 */

export const firstNames = [
  'Ada', 'Alan', 'Amara', 'Anika', 'Aziz', 'Bea', 'Carlos', 'Chen', 'Dara', 'Diego', 'Elif', 'Emma', 'Farah',
  'Felix', 'Grace', 'Hana', 'Hugo', 'Ines', 'Ivan', 'Jamal', 'Jia', 'Kai', 'Kofi', 'Lara', 'Leon', 'Lina',
  'Luca', 'Maya', 'Mei', 'Milan', 'Nadia', 'Noah', 'Olga', 'Omar', 'Priya', 'Rafael', 'Sara', 'Sven', 'Tariq',
  'Uma', 'Vera', 'Wei', 'Yara', 'Yusuf', 'Zoe',
] as const

export const lastNames = [
  'Abe', 'Adeyemi', 'Alvarez', 'Bauer', 'Bianchi', 'Chen', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia',
  'Haddad', 'Hansen', 'Ito', 'Jensen', 'Kim', 'Kowalski', 'Larsen', 'Lopez', 'Mendes', 'Moreau', 'Nakamura',
  'Novak', 'Okafor', 'Oliveira', 'Park', 'Petrov', 'Quinn', 'Rossi', 'Sato', 'Schmidt', 'Silva', 'Singh',
  'Tanaka', 'Varga', 'Wang', 'Weber', 'Yilmaz', 'Zhang',
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
