/**
 * The demo's header: the brand, and who is signed in (the first letter as an avatar, the name for tests as
 * `data-testid="username"`). Every page of the demo (the SDK page, the Amplify page, the Authenticator page)
 * shows the same one; `icon` picks the brand's glyph.
 */
export interface TopBarProps {
  /** Who is signed in; absent: nobody (the brand alone). */
  signedIn?: string | undefined
  /** The signed-in badge's tooltip. */
  title?: string | undefined
  /** `devices`: the SDK page's screen glyph; `shield`: the sign-in pages'. */
  icon?: 'devices' | 'shield'
}

const glyphs = {
  devices: <path d="M9 11h14v9H9zM6 23h20" fill="none" stroke="#fff" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />,
  shield: <path d="M16 7l7 3v5c0 5-3 8.5-7 10-4-1.5-7-5-7-10v-5z" fill="none" stroke="#fff" strokeWidth="2" strokeLinejoin="round" />,
}

export function TopBar({ signedIn, title, icon = 'shield' }: TopBarProps) {
  return (
    <header className="topbar">
      <div className="topbar-inner">
        <span className="brand">
          <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="8" fill="currentColor" />
            {glyphs[icon]}
          </svg>
          <span className="brand-text">Account security</span>
        </span>
        {signedIn && (
          <span className="user" data-testid="signed-in-user" title={title}>
            <span className="user-avatar" aria-hidden="true">
              {signedIn.slice(0, 1).toUpperCase()}
            </span>
            <span>
              <span className="visually-hidden">Signed in as </span>
              <span data-testid="username">{signedIn}</span>
            </span>
          </span>
        )}
      </div>
    </header>
  )
}
