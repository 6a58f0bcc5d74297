#!/usr/bin/env bash
# Copies the browser libraries pinned in package.json from npm into wwwroot/lib, where the app serves them itself:
# pages must render math offline and must not tell a CDN who reads what. Run after changing a version; commit the result.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="$here/../wwwroot/lib/katex"
cd "$here"
npm install --no-audit --no-fund --ignore-scripts --package-lock-only >/dev/null
npm ci --no-audit --no-fund --ignore-scripts >/dev/null
rm -rf "$target"
mkdir -p "$target/fonts"
cp node_modules/katex/dist/katex.min.js node_modules/katex/dist/katex.min.css node_modules/katex/LICENSE "$target/"
cp node_modules/katex/dist/contrib/auto-render.min.js "$target/"
# Every browser the app supports reads woff2; the older formats would only add weight.
cp node_modules/katex/dist/fonts/*.woff2 "$target/fonts/"
rm -rf node_modules
echo "KaTeX $(node -p "require('./package-lock.json').packages['node_modules/katex'].version") copied to $target"
