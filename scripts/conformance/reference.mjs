// reference.mjs adds the reference parser's answer to every message of a corpus.
//
//   node reference.mjs IN.jsonl OUT.jsonl
//
// Each input line {"repo","sha","message"} gets "want": {"type","scope","breaking"} computed by
// conventional-commits-parser with the options of the conventionalcommits preset. Breaking means the
// parser found at least one note (a BREAKING CHANGE note or a "!" header), which is what the preset's
// bump rule looks at.
import { readFileSync, writeFileSync } from 'node:fs'
import { CommitParser } from 'conventional-commits-parser'
import createPreset from 'conventional-changelog-conventionalcommits'

if (import.meta.url === `file://${process.argv[1]}`) {
  const [input, output] = process.argv.slice(2)
  if (!input || !output) {
    console.error('usage: node reference.mjs IN.jsonl OUT.jsonl')
    process.exit(2)
  }
  const preset = await createPreset()
  const parser = new CommitParser(preset.parser)
  const out = []
  for (const line of readFileSync(input, 'utf8').split('\n')) {
    if (!line.trim()) continue
    const c = JSON.parse(line)
    out.push(JSON.stringify({ ...c, want: reference(parser, c.message) }))
  }
  writeFileSync(output, out.join('\n') + '\n')
}

export function reference (parser, message) {
  const p = parser.parse(message)
  return {
    type: p.type || '',
    scope: p.scope || '',
    breaking: p.notes.length > 0
  }
}
