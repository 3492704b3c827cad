#!/usr/bin/env bash
# Lighthouse 12.2.3 (mobile, Debian chromium) on home, an artist and an artwork page in Arabic and English,
# against the published host in Production, seeded, on the embedded SQLite default.
# Run it under the shared lock: flock /tmp/artsouk-build.lock bench/lighthouse.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/artsouk-lighthouse-XXXXXX)"
port="${PORT:-5391}"
base="http://127.0.0.1:$port"
host_pid=""
cleanup() { [[ -n "$host_pid" ]] && kill "$host_pid" 2>/dev/null || true; }
trap cleanup EXIT

(cd "$work" && npm i -E lighthouse@12.2.3 --no-audit --no-fund --silent >/dev/null)
dotnet publish "$repo/src/ArtSouk.Host" -c Release -o "$work/host" --nologo -v q >/dev/null

mkdir -p "$work/data"
(cd "$work/host" && ASPNETCORE_URLS="$base" ASPNETCORE_ENVIRONMENT=Production ArtSouk__DataPath="$work/data" \
  ArtSouk__Seed=true ArtSouk__Admin__Email=lighthouse@artsouk.test ArtSouk__Admin__Password='Lighthouse-Pass-2026!' \
  DOTNET_CLI_TELEMETRY_OPTOUT=1 exec dotnet ArtSouk.Host.dll >"$work/host.log" 2>&1) &
host_pid=$!
for _ in $(seq 240); do curl -fs "$base/health/ready" >/dev/null && break; sleep 0.5; done
curl -fs "$base/health/ready" >/dev/null || { tail -20 "$work/host.log"; exit 1; }

first_path() { # type locale -> the path of the oldest published entry of that type in that language
  curl -fs "$base/api/v1/content/$1?locale=$2&limit=1" | node -e \
    'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).items[0].translations[process.argv[1]]))' "$2"
}
pages=()
for l in ar en; do pages+=("/$l/" "$(first_path artist $l)" "$(first_path artwork $l)"); done

# Warm the render cache, as a visitor after the first would find it.
for p in "${pages[@]}"; do curl -fs -o /dev/null "$base$(node -e 'console.log(encodeURI(process.argv[1]))' "$p")"; done

printf '%-48s %6s %6s %6s %6s\n' page a11y bp seo perf
for p in "${pages[@]}"; do
  url="$base$(node -e 'console.log(encodeURI(process.argv[1]))' "$p")"
  CHROME_PATH=/usr/bin/chromium "$work/node_modules/.bin/lighthouse" "$url" --quiet --form-factor=mobile \
    --chrome-flags="--headless --no-sandbox" --output=json --output-path="$work/report.json" >/dev/null 2>&1 || true
  node -e '
    const r = require(process.argv[1]); const c = r.categories; const s = k => Math.round(c[k].score * 100);
    const fails = Object.values(r.audits).filter(a => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual" && a.scoreDisplayMode !== "notApplicable").map(a => a.id);
    console.log(process.argv[2].padEnd(48), ...["accessibility","best-practices","seo","performance"].map(k => String(s(k)).padStart(6)));
    if (process.env.VERBOSE) console.log("   below 1:", fails.join(", "));
  ' "$work/report.json" "$p"
  cp "$work/report.json" "$work/$(echo "$p" | md5sum | cut -c1-8).json"
done
echo "reports in $work"
