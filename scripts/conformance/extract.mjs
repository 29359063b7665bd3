// extract.mjs builds the conformance corpus from local git repositories.
//
//   node extract.mjs OUT.jsonl MAX_PER_REPO owner/name=/path/to/repo ...
//
// For each repository it lists the non-merge commits of HEAD (newest first), keeps an evenly spaced sample
// of at most MAX_PER_REPO of them, and writes one JSON object per line: {"repo","sha","message"}.
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'

const [out, maxArg, ...repos] = process.argv.slice(2)
if (!out || !maxArg || repos.length === 0) {
  console.error('usage: node extract.mjs OUT.jsonl MAX_PER_REPO owner/name=/path/to/repo ...')
  process.exit(2)
}
const max = Number(maxArg)
const lines = []
for (const spec of repos) {
  const [name, dir] = spec.split('=')
  const raw = execFileSync('git', ['--git-dir', dir, 'log', '--no-merges', '-z', '--format=%H%x1f%B', 'HEAD'],
    { maxBuffer: 1 << 30, encoding: 'utf8' })
  const commits = raw.split('\0').filter(Boolean).map((rec) => {
    const i = rec.indexOf('\x1f')
    return { repo: name, sha: rec.slice(0, i).trim(), message: rec.slice(i + 1) }
  }).filter((c) => c.message.trim() !== '')
  const step = Math.max(1, commits.length / max)
  let n = 0
  for (let k = 0; Math.floor(k) < commits.length && n < max; k += step, n++) {
    lines.push(JSON.stringify(commits[Math.floor(k)]))
  }
  console.error(`${name}: ${n} of ${commits.length}`)
}
writeFileSync(out, lines.join('\n') + '\n')
