// Everything secret is registered here first: the runner is told to mask it (::add-mask::),
// and every line this action prints passes through redact() as a second guard.

export class Secrets {
  private readonly values: string[] = []

  constructor(private readonly register: (value: string) => void) {}

  /** Masks a value (and each of its lines, which the runner matches separately). */
  add(value: string | undefined): void {
    if (!value) return
    for (const v of [value, ...value.split(/\r?\n/)]) {
      const trimmed = v.trim()
      if (!trimmed || this.values.includes(trimmed)) continue
      this.values.push(trimmed)
      this.register(trimmed)
    }
    // Longest first, so a secret containing another is redacted whole.
    this.values.sort((a, b) => b.length - a.length)
  }

  redact(text: string): string {
    let out = text
    for (const v of this.values) out = out.split(v).join('***')
    return out
  }
}
