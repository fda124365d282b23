#!/usr/bin/env bash
# npm scripts run on Node 24 from the `node` package; the built server must also run
# on the machine's own Node, as `engines` (>= 20.19) promises.
set -euo pipefail
cd "$(dirname "$0")/.."
system_node=$(PATH=$(echo "$PATH" | tr ':' '\n' | grep -v node_modules | paste -sd:) command -v node)
echo "npm scripts: $(npx node --version); system: $system_node $($system_node --version)"
npx node --version | grep -q '^v24\.' || { echo "✖ npm scripts are not on Node 24"; exit 1; }

log=$(mktemp)
API_KEY_ID=check API_KEY_SECRET=check-secret-0000 PORT=0 \
  PERFORMCHAT_API_URL=http://127.0.0.1:9/rest/v1 "$system_node" dist/server/index.js >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 50); do
  url=$(grep -o 'http://[^ ]*' "$log" | head -1 || true)
  [ -n "$url" ] && break
  sleep 0.1
done
if [ -z "${url:-}" ]; then echo "✖ the server did not start on $system_node:"; cat "$log"; kill $pid 2>/dev/null; exit 1; fi
health=$(curl -fsS "$url/api/health")
kill -TERM $pid; wait $pid || true
[ "$health" = '{"status":"ok"}' ] || { echo "✖ /api/health answered: $health"; exit 1; }
echo "✔ the built server runs on $($system_node --version) ($url/api/health → $health)"
