/**
 * Cognito keeps whatever the client sent as DeviceName at ConfirmDevice: for browser apps that is usually
 * `navigator.userAgent`, for other SDKs a short name such as `nodejs`. This turns it into something a person
 * recognises ("Chrome 140 on Windows"); the raw string stays available for a tooltip.
 */

export type DeviceKind = 'desktop' | 'phone' | 'tablet' | 'app' | 'unknown'

export interface DeviceLabel {
  /** "Chrome 140 on Windows", "Safari 18.5 on iPhone", "Node.js app", or the raw name when unrecognised. */
  label: string
  browser?: string
  os?: string
  kind: DeviceKind
}

const appNames: Record<string, string> = {
  nodejs: 'Node.js app',
  'react-native': 'React Native app',
  android: 'Android app',
  ios: 'iOS app',
}

function major(version: string): string {
  return version.split('.')[0] ?? version
}

function browserOf(ua: string): string | undefined {
  let m: RegExpExecArray | null
  if ((m = /\bEdgA?\/(\d+)/.exec(ua))) return `Edge ${m[1]}`
  if ((m = /\bOPR\/(\d+)/.exec(ua))) return `Opera ${m[1]}`
  if ((m = /\bSamsungBrowser\/(\d+)/.exec(ua))) return `Samsung Internet ${m[1]}`
  if ((m = /\b(?:Firefox|FxiOS)\/(\d+)/.exec(ua))) return `Firefox ${m[1]}`
  if ((m = /\b(?:Chrome|CriOS)\/(\d+)/.exec(ua))) return `Chrome ${m[1]}`
  if ((m = /\bVersion\/([\d.]+).*\bSafari\//.exec(ua))) return `Safari ${m[1]}`
  return undefined
}

function osOf(ua: string): { os: string; kind: DeviceKind } | undefined {
  let m: RegExpExecArray | null
  if (/\biPhone\b/.test(ua)) return { os: 'iPhone', kind: 'phone' }
  if (/\biPad\b/.test(ua)) return { os: 'iPad', kind: 'tablet' }
  if ((m = /\bAndroid (\d+(?:\.\d+)?)/.exec(ua))) {
    const tablet = !/\bMobile\b/.test(ua)
    return { os: `Android ${major(m[1]!)}`, kind: tablet ? 'tablet' : 'phone' }
  }
  if (/\bWindows NT\b/.test(ua)) return { os: 'Windows', kind: 'desktop' }
  if (/\bMac OS X\b|\bMacintosh\b/.test(ua)) return { os: 'macOS', kind: 'desktop' }
  if (/\bCrOS\b/.test(ua)) return { os: 'ChromeOS', kind: 'desktop' }
  if (/\bLinux\b|\bX11\b/.test(ua)) return { os: 'Linux', kind: 'desktop' }
  return undefined
}

/** Brands of User-Agent Client Hints, most specific first ("Google Chrome" over "Chromium"). */
const hintBrands: [RegExp, string][] = [
  [/^Microsoft Edge$/, 'Edge'],
  [/^Opera$/, 'Opera'],
  [/^Samsung Internet$/, 'Samsung Internet'],
  [/^Google Chrome$/, 'Chrome'],
  [/^Brave$/, 'Brave'],
  [/^Chromium$/, 'Chromium'],
]

const hintPlatforms: Record<string, { os: string; kind: DeviceKind }> = {
  Windows: { os: 'Windows', kind: 'desktop' },
  macOS: { os: 'macOS', kind: 'desktop' },
  Linux: { os: 'Linux', kind: 'desktop' },
  'Chrome OS': { os: 'ChromeOS', kind: 'desktop' },
  ChromeOS: { os: 'ChromeOS', kind: 'desktop' },
  Android: { os: 'Android', kind: 'phone' },
}

/**
 * Amplify v6 names a browser device from User-Agent Client Hints where the browser has them (Chromium):
 * `platform platformVersion architecture model platform brand/version;brand/version…`, e.g.
 * `macOS 14.2.1 arm macOS Not A(Brand/99.0.0.0;Google Chrome/121.0.6167.160;Chromium/121.0.6167.160`.
 */
function fromClientHints(name: string): DeviceLabel | undefined {
  const platform = Object.keys(hintPlatforms).find((p) => name.startsWith(`${p} `))
  if (!platform || !/[^\s;]+\/\d/.test(name)) return undefined
  const brands = name
    .slice(name.lastIndexOf(` ${platform} `) + platform.length + 2)
    .split(';')
    .map((entry) => /^(.*)\/(\d+)[\d.]*$/.exec(entry.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
  let browser: string | undefined
  for (const [pattern, label] of hintBrands) {
    const hit = brands.find((m) => pattern.test(m[1]!))
    if (hit) {
      browser = `${label} ${hit[2]}`
      break
    }
  }
  const { os, kind } = hintPlatforms[platform]!
  return browser ? { label: `${browser} on ${os}`, browser, os, kind } : { label: os, os, kind }
}

export function describeDevice(name: string | undefined): DeviceLabel {
  if (name === undefined || name.trim() === '') return { label: 'Unnamed device', kind: 'unknown' }
  const app = appNames[name.trim().toLowerCase()]
  if (app) return { label: app, kind: 'app' }
  const hinted = fromClientHints(name.trim())
  if (hinted) return hinted
  const browser = browserOf(name)
  const platform = osOf(name)
  if (browser && platform) return { label: `${browser} on ${platform.os}`, browser, os: platform.os, kind: platform.kind }
  if (browser) return { label: browser, browser, kind: 'unknown' }
  if (platform) return { label: platform.os, os: platform.os, kind: platform.kind }
  // Unrecognised: a name the app chose itself. Shown as is (CSS truncates long ones; the tooltip has it all).
  return { label: name, kind: 'unknown' }
}

interface HighEntropyHints {
  platform?: string
  platformVersion?: string
  architecture?: string
  model?: string
  fullVersionList?: { brand: string; version: string }[]
}

/**
 * This browser's name as Amplify v6 sends it at ConfirmDevice (its `getDeviceName`): from User-Agent Client
 * Hints where there are some, else `navigator.userAgent`. So "Remember this device?" names the device as the
 * list will.
 */
export async function browserDeviceName(): Promise<string> {
  const hints = (navigator as Navigator & { userAgentData?: { getHighEntropyValues(keys: string[]): Promise<HighEntropyHints> } }).userAgentData
  if (!hints) return navigator.userAgent
  try {
    const { platform = '', platformVersion = '', architecture = '', model = '', fullVersionList = [] } = await hints.getHighEntropyValues([
      'platform',
      'platformVersion',
      'architecture',
      'model',
      'fullVersionList',
    ])
    const versions = fullVersionList.map((v) => `${v.brand}/${v.version}`).join(';')
    return [platform, platformVersion, architecture, model, platform, versions].filter(Boolean).join(' ') || navigator.userAgent
  } catch {
    return navigator.userAgent
  }
}
