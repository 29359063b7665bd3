#!/usr/bin/env python3
# Replays a real repository's release history against semver-release's dry
# run and an independent implementation of the conventionalcommits preset's
# bump rule (conventional-recommended-bump: per-line BREAKING CHANGE notes,
# "!" headers, feat/feature, reverted pairs dropped, merges excluded).
#
#   go build -o /tmp/semver-release ./actions/semver-release
#   git clone --bare <repository> /tmp/repo.git
#   python3 actions/semver-release/testdata/replay-real-history.py /tmp/repo.git /tmp/semver-release
#       # each tag's commit checked out with every tag present
#   python3 actions/semver-release/testdata/replay-real-history.py /tmp/repo.git /tmp/semver-release progressive
#       # tags deleted, then re-created one by one after each prediction
#
# It needs git and the repository's v<major>.<minor>.<patch> tags; the
# progressive mode deletes and re-creates the tags of the clone it is given.
import re, subprocess, sys, os
repo = sys.argv[1]; binary = sys.argv[2]
def git(*a): return subprocess.run(["git", "-C", repo, *a], capture_output=True, text=True, check=True).stdout
tags = [t for t in git("tag").split() if re.fullmatch(r"v\d+\.\d+\.\d+", t)]
key = lambda t: tuple(int(x) for x in t[1:].split("."))
header_re = re.compile(r"^(\w*)(?:\((.*)\))?(!?): (.*)$")
note_re = re.compile(r"^[\s|*]*(BREAKING CHANGE|BREAKING-CHANGE)[:\s]+(.*)", re.I)
revert_re = re.compile(r'^(?:Revert|revert:)\s"?([\s\S]+?)"?\s*This reverts commit (\w*)\.', re.I)
def bump(prev, tag):
    rng = f"{prev}..{tag}" if prev else tag
    out = git("log", "--no-merges", "--format=%H%x00%B%x01", rng)
    commits = []
    for rec in out.split("\x01"):
        rec = rec.strip("\n")
        if not rec: continue
        h, msg = rec.split("\x00", 1)
        msg = msg.replace("\r\n", "\n")
        lines = msg.split("\n")
        header = lines[0]
        m = header_re.match(header)
        typ = m.group(1) if m else None
        bang = bool(m and m.group(3))
        body = "\n".join(lines[1:])
        notes = any(note_re.match(l) for l in re.split(r"\r?\n", body)) or bang
        rv = revert_re.match(msg)
        commits.append(dict(hash=h, header=header, type=typ, notes=notes, revert=(rv.group(1), rv.group(2)) if rv else None))
    drop = set()
    for i, c in enumerate(commits):
        if c["revert"] and i not in drop:
            for j, o in enumerate(commits):
                if j != i and j not in drop and o["header"] == c["revert"][0] and o["hash"].startswith(c["revert"][1]) and c["revert"][1]:
                    drop |= {i, j}; break
    commits = [c for i, c in enumerate(commits) if i not in drop]
    if not commits: return "none", 0
    level = 2
    for c in commits:
        if c["notes"]: level = 0
        elif c["type"] in ("feat", "feature") and level == 2: level = 1
    return ["major", "minor", "patch"][level], len(commits)
def reachable_prev(tag):
    merged = set(git("tag", "--merged", tag).split())
    cands = [t for t in tags if t in merged and key(t) < key(tag)]
    return max(cands, key=key) if cands else None
progressive = len(sys.argv) > 3
shas = {t: git("rev-list", "-n1", t).strip() for t in tags}
prevs = {t: reachable_prev(t) for t in tags}
if progressive:
    for t in tags: git("tag", "-d", t)
agree = total = 0
bad = []
for tag in sorted(tags, key=key):
    prev = prevs[tag]
    sha = shas[tag]
    if prev is None:
        if progressive: git("tag", tag, sha)
        continue
    if progressive:
        want, n = bump(shas[prev], sha)
    else:
        want, n = bump(prev, tag)
    git("update-ref", "--no-deref", "HEAD", sha)
    env = dict(os.environ, **{"INPUT_DRY-RUN": "true", "GITHUB_ACTIONS": "", "GITHUB_TOKEN": ""})
    r = subprocess.run([binary], cwd=repo, env=env, capture_output=True, text=True)
    outs = dict(re.findall(r"^output ([\w-]+)=(.*)$", r.stdout, re.M))
    got = outs.get("bump"); gotprev = outs.get("previous-version")
    total += 1
    if progressive: git("tag", tag, sha)
    if got == want and gotprev == prev[1:]:
        agree += 1
    else:
        bad.append((tag, prev, want, n, got, gotprev, r.stderr.strip()[:200]))
print(f"{agree}/{total} releases agree")
for b in bad[:30]: print(b)
