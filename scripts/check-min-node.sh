#!/usr/bin/env bash
# `engines` says the server runs on Node >= 22.16 (the first 22.x whose node:sqlite has
# FTS5). npm scripts run on Node 26 from the `node` devDependency; this proves the built
# server also starts and answers on exactly the oldest Node it claims, fetched from the
# npm registry as the `node` package.
set -euo pipefail
cd "$(dirname "$0")/.."
min=$(node -p "require('./package.json').engines.node.replace(/^>=\s*/, '')")
dir=$(mktemp -d)
(cd "$dir" && npm init -y >/dev/null && npm install --no-audit --no-fund "node@$min" >/dev/null)
oldest="$dir/node_modules/.bin/node"
echo "npm scripts: $(npx node --version); oldest supported: $("$oldest" --version)"

log=$(mktemp)
API_KEY_ID=check API_KEY_SECRET=check-secret-0000 PORT=0 DATABASE_URL="file:$dir/check.sqlite" \
  PERFORMCHAT_API_URL=http://127.0.0.1:9/rest/v1 "$oldest" dist/server/index.js >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  url=$(grep -o 'http://[^ ]*' "$log" | head -1 || true)
  [ -n "$url" ] && break
  sleep 0.1
done
if [ -z "${url:-}" ]; then echo "✖ the server did not start on Node $min:"; cat "$log"; kill $pid 2>/dev/null; exit 1; fi
health=$(curl -fsS "$url/api/health")
kill -TERM $pid; wait $pid || true
[ "$health" = '{"status":"ok"}' ] || { echo "✖ /api/health answered: $health"; exit 1; }
echo "✔ the built server runs on Node $("$oldest" --version) ($url/api/health → $health)"
