import { type FormEvent, type ReactNode, useId, useMemo, useState } from 'react'
import type { ScenarioControl } from 'cognito-device-mock/browser'
import { switchPreset, switchSeed } from '../lib/mockControl.ts'

export interface DevPanelProps {
  control: ScenarioControl
  /** The mock's seed (a string seed from the URL shows as empty). */
  seed: number | string
  preset: string
  /** After a runtime preset switch: the app signs in again and reloads the list. */
  onPresetApplied?: ((preset: string) => void) | undefined
  /** More controls under the preset and seed (the Amplify page's sign-in helper). */
  children?: ReactNode
}

/**
 * Development panel: pick a preset and a seed. The preset switches at runtime; a new seed needs a reload
 * (it seeds the whole world). Shown in dev, or with `?cognito-panel` in the production build.
 */
export function DevPanel({ control, seed, preset: initialPreset, onPresetApplied, children }: DevPanelProps) {
  const presets = useMemo(() => control.presets(), [control])
  const [preset, setPreset] = useState(initialPreset)
  const [seedText, setSeedText] = useState(typeof seed === 'number' ? String(seed) : '')
  const [status, setStatus] = useState(`Preset ${initialPreset}, seed ${String(seed)}.`)
  const [error, setError] = useState<string | null>(null)
  const presetId = useId()
  const seedId = useId()
  const hintId = useId()
  const errorId = useId()
  const selected = presets.find((p) => p.name === preset)

  function apply(event: FormEvent) {
    event.preventDefault()
    const trimmed = seedText.trim()
    const nextSeed = trimmed === '' ? seed : Number(trimmed)
    if (typeof nextSeed === 'number' && (!Number.isSafeInteger(nextSeed) || nextSeed < 0)) {
      setError('The seed must be a whole number, 0 or more.')
      return
    }
    setError(null)
    try {
      if (nextSeed !== seed) {
        setStatus(`Reloading with seed ${nextSeed} and preset ${preset}…`)
        switchSeed(nextSeed as number, preset)
        return
      }
      switchPreset(control, preset)
      setStatus(`Preset ${preset} applied (seed ${String(seed)}).`)
      onPresetApplied?.(preset)
    } catch (failure) {
      setError((failure as Error).message)
    }
  }

  return (
    <aside className="dev-panel" aria-labelledby={`${presetId}-title`} data-testid="dev-panel">
      <div className="dev-panel-head">
        <h2 className="dev-panel-title" id={`${presetId}-title`}>
          Mock controls
        </h2>
        <span className="dev-panel-tag">dev only</span>
      </div>
      <form className="dev-panel-form" onSubmit={apply} noValidate>
        <div className="field field--grow">
          <label htmlFor={presetId}>Scenario preset</label>
          <select id={presetId} data-testid="panel-preset" value={preset} aria-describedby={hintId} onChange={(e) => setPreset(e.target.value)}>
            {presets.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--seed">
          <label htmlFor={seedId}>Seed</label>
          <input
            id={seedId}
            data-testid="panel-seed"
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            value={seedText}
            placeholder={String(seed)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(e) => setSeedText(e.target.value)}
          />
        </div>
        <button type="submit" className="button button--primary" data-testid="panel-apply">
          Apply
        </button>
      </form>
      <p className="dev-panel-hint" id={hintId} data-testid="panel-preset-ui">
        {selected?.description}
        {selected?.ui && (
          <>
            {' '}
            <span className="dev-panel-expect">Expect: {selected.ui}</span>
          </>
        )}
      </p>
      {error && (
        <p className="dev-panel-error" id={errorId} role="alert">
          {error}
        </p>
      )}
      <p className="dev-panel-status" role="status" aria-live="polite" data-testid="panel-status">
        {status}
      </p>
      {children}
    </aside>
  )
}
