// compare.mjs checks the changelog action's JSON against conventional-commits-parser on the same commits.
//
//   node compare.mjs CHANGELOG.json REPO_DIR
//
// For every commit of the JSON it parses the commit's message (git log) with the reference parser and
// compares type, scope and breaking; it also checks that the JSON lists exactly the non-merge commits of
// the range. Prints the agreement and every disagreement; exits 1 below 99.5%.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { CommitParser } from 'conventional-commits-parser'
import createPreset from 'conventional-changelog-conventionalcommits'
import { reference } from './reference.mjs'

const [jsonFile, repo] = process.argv.slice(2)
if (!jsonFile || !repo) {
  console.error('usage: node compare.mjs CHANGELOG.json REPO_DIR')
  process.exit(2)
}
const doc = JSON.parse(readFileSync(jsonFile, 'utf8'))
const range = doc.from ? `${doc.from}..${doc.to}` : doc.to
const raw = execFileSync('git', ['-C', repo, 'log', '--no-merges', '-z', '--format=%H%x1f%B', range],
  { maxBuffer: 1 << 30, encoding: 'utf8' })
const messages = new Map()
for (const rec of raw.split('\0').filter(Boolean)) {
  const i = rec.indexOf('\x1f')
  messages.set(rec.slice(0, i).trim(), rec.slice(i + 1))
}
const parser = new CommitParser((await createPreset()).parser)
let agree = 0
let total = 0
for (const c of doc.commits) {
  const message = messages.get(c.sha)
  if (message === undefined) {
    console.log(`${c.sha}: in the JSON but not a non-merge commit of ${range}`)
    continue
  }
  messages.delete(c.sha)
  if (!message.trim()) continue // the reference parser refuses empty messages
  total++
  const want = reference(parser, message)
  if (want.type === c.type && want.scope === c.scope && want.breaking === c.breaking) {
    agree++
  } else {
    console.log(`${c.sha} ${JSON.stringify(message.split('\n')[0])}: got ${JSON.stringify({ type: c.type, scope: c.scope, breaking: c.breaking })} want ${JSON.stringify(want)}`)
  }
}
for (const sha of messages.keys()) console.log(`${sha}: missing from the JSON`)
const rate = total ? (100 * agree) / total : 0
console.log(`${repo}: ${agree}/${total} = ${rate.toFixed(3)}% agreement; ${messages.size} commits missing`)
process.exit(rate >= 99.5 && messages.size === 0 ? 0 : 1)
