#!/usr/bin/env bash
# Package checks (`npm run check:package`): builds the package into a scratch folder, packs it the
# way `npm publish` would, then lints the tarball with publint, checks the types of every
# `exports` entry with @arethetypeswrong/cli, and checks that every package the built files import is
# declared. Exits non-zero on any error or warning.
#
#   scripts/check-package.sh            build into a scratch folder (the shared dist/ is untouched)
#   scripts/check-package.sh --no-build check the dist/ that `npm run build` already produced
#
# attw runs with `--profile node16`: isosdk is an ESM+CJS dual package whose subpaths exist only in
# `exports`, and it needs Node ≥ 20 (`engines`), so the pre-exports `node10` resolution (which
# cannot see `isosdk/auth` at all) is out of scope. Every other mode must be clean: node16 from
# CJS, node16 from ESM, and bundler.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

build=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "check-package: unknown argument $arg" >&2; exit 2 ;;
  esac
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/isosdk-check-package.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
stage="$scratch/package"
mkdir -p "$stage"

if [ "$build" = 1 ]; then
  echo "== build (tsup → scratch folder)"
  npx --no-install tsup --out-dir "$stage/dist" >"$scratch/build.log" 2>&1 || { cat "$scratch/build.log" >&2; echo "check-package: the build failed" >&2; exit 1; }
else
  [ -d dist ] || { echo "check-package: no dist/ (run npm run build, or drop --no-build)" >&2; exit 1; }
  cp -R dist "$stage/dist"
fi

# What `npm pack` would take from the repository: package.json, the `files` list, README/LICENSE.
cp package.json "$stage/"
for extra in README.md LICENSE LICENSE.md; do [ -f "$extra" ] && cp "$extra" "$stage/"; done

echo "== pack"
tarball=$(cd "$stage" && npm pack --ignore-scripts --silent --pack-destination "$scratch" 2>/dev/null | tail -n 1)
tarball="$scratch/$tarball"
[ -f "$tarball" ] || { echo "check-package: npm pack produced no tarball" >&2; exit 1; }
echo "$(basename "$tarball"): $(tar -tzf "$tarball" | wc -l) files"

status=0

echo
echo "== publint (warnings are errors)"
npx --no-install publint run "$tarball" --strict --level suggestion || status=1

echo
echo "== @arethetypeswrong/cli (profile node16: node16-cjs, node16-esm, bundler)"
entries=$(node -e 'const e = require("./package.json").exports; console.log(Object.keys(e).filter((k) => k !== "./package.json").join(" "))')
# shellcheck disable=SC2086 # one argument per entry
npx --no-install attw "$tarball" --profile node16 --format table-flipped --no-emoji --no-color --entrypoints $entries || status=1

echo
echo "== imports of the built files are declared (dependencies or peerDependencies)"
# publint and attw do not look at this: a package the build imports but package.json does not
# declare installs fine here (devDependencies) and fails for every user.
node - "$stage" <<'NODE' || status=1
const { readFileSync, readdirSync } = require('node:fs')
const { join } = require('node:path')
const { builtinModules } = require('node:module')
const dir = process.argv[2]
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {}), pkg.name])
const builtins = new Set(builtinModules)
const files = readdirSync(join(dir, 'dist'), { recursive: true }).filter((f) => /\.(c|m)?js$/.test(f))
const missing = new Map()
// Not a string joined at run time (tsup's CJS shim writes `require('u' + 'rl')`).
const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']([@a-z0-9][\w.@/-]*)["'](?!\s*\+)/gm
for (const file of files) {
  for (const [, spec] of readFileSync(join(dir, 'dist', file), 'utf8').matchAll(specifier)) {
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]
    if (spec.startsWith('node:') || builtins.has(name) || declared.has(name)) continue
    if (!missing.has(name)) missing.set(name, new Set())
    missing.get(name).add(`dist/${file}`)
  }
}
if (missing.size === 0) console.log(`All good: ${files.length} files import only ${[...declared].join(', ')} and Node built-ins.`)
for (const [name, where] of missing) console.error(`"${name}" is imported by ${[...where].join(', ')} but is in neither dependencies nor peerDependencies`)
process.exit(missing.size === 0 ? 0 : 1)
NODE

echo
if [ "$status" = 0 ]; then echo "check-package: publint, attw and the import check are clean for: $entries"; else echo "check-package: FAILED (see above)" >&2; fi
exit "$status"
