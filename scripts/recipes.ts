// The README's recipe blocks are cut from the complete workflows in examples/, so that a recipe and
// its example cannot tell two stories (once the README had setup-terraform v3 and no checkout
// while the example had v4 and a checkout). An example marks its excerpt with comment lines:
//
//   # readme-begin                      the excerpt starts on the next line
//   # readme-skip: ... the install step  lines up to readme-resume become one comment line
//   # readme-resume
//   # readme-end                        the excerpt ends before this line
//
// The lines are copied as they are, indentation included; the marker lines themselves never show.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const MARK = /^(\s*)# readme-(begin|end|skip|resume)(?::\s*(.*))?$/

/** The README excerpt of an example file's text; throws when its markers are missing or out of order. */
export function excerpt(file: string, text: string): string {
  const out: string[] = []
  let state: 'before' | 'in' | 'skipping' | 'after' = 'before'
  for (const line of text.split('\n')) {
    const m = MARK.exec(line)
    const kind = m?.[2]
    if (kind === 'begin' && state === 'before') state = 'in'
    else if (kind === 'end' && state === 'in') state = 'after'
    else if (kind === 'skip' && state === 'in') {
      state = 'skipping'
      out.push(`${m![1]}# ${m![3] ?? '...'}`)
    } else if (kind === 'resume' && state === 'skipping') state = 'in'
    else if (kind) throw new Error(`${file}: "# readme-${kind}" out of order`)
    else if (state === 'in') out.push(line)
  }
  if (state !== 'after' || !out.length)
    throw new Error(`${file}: no "# readme-begin" ... "# readme-end" excerpt`)
  return out.join('\n')
}

/** The generated README section of one recipe: its excerpt as a YAML block. */
export const recipeBlock = (file: string, text: string) =>
  `\`\`\`yaml\n${excerpt(file, text)}\n\`\`\``

/** Every recipe section the README names (`recipe examples/x.yml`), rendered from its file. */
export function renderRecipes(readme: string, root: string): Record<string, string> {
  const sections: Record<string, string> = {}
  for (const [, file] of readme.matchAll(/<!-- BEGIN GENERATED: recipe (\S+) -->/g))
    sections[`recipe ${file}`] = recipeBlock(file, readFileSync(join(root, file), 'utf8'))
  return sections
}
