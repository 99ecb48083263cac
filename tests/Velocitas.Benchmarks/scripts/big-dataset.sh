#!/usr/bin/env bash
# The 10,000,000-candle figures of issue #16 (run from the repository root after `./velocitas --version` has published
# the ahead-of-time compiled command line): a 19-year one-minute file (May 2021 BTCUSDT repeated 224 times, each copy
# shifted so no time repeats; time,open,high,low,close,volume; ~860 MB, generated into $TMPDIR, never committed) is
# imported with `import` (wall, CPU, peak resident memory), then the app is started on that data folder and the same
# dataset is backtested twice through POST /api/backtests (SMA 10/30, saved): the first run reads the candle file, the
# second finds the candles cached. The app's peak resident memory (VmHWM) is read after each run.
set -euo pipefail
TMP=${TMPDIR:-/tmp}
CSV=$TMP/BTCUSDT-1m-10M.csv
DATA=$(mktemp -d "$TMP/velocitas-big-XXXX")
PORT=${PORT:-5099}
if [ ! -f "$CSV" ]; then
  python3 - ../shared/data/real/BTCUSDT-1m-2021-05.csv "$CSV" <<'PY'
import sys
rows = [l.split(",")[:6] for l in open(sys.argv[1]).read().splitlines()]
shift = 44640 * 60000
with open(sys.argv[2], "w") as out:
    out.write("time,open,high,low,close,volume\n")
    for k in range(224):
        off = k * shift
        out.write("".join(f"{int(r[0]) + off},{r[1]},{r[2]},{r[3]},{r[4]},{r[5]}\n" for r in rows))
PY
fi
echo "file: $(wc -l < "$CSV") lines, $(du -m "$CSV" | cut -f1) MB"
export Velocitas__DataPath=$DATA
/usr/bin/time -f "import: %e s wall, %U s user, %S s sys, peak %M kB" ./velocitas import --data "$CSV" --name big --json > "$DATA/import.json"
python3 -c "import json,sys; r=json.load(open('$DATA/import.json')); print('imported', r['rowsImported'], 'candles, dataset', r['datasetId'])"
id=$(python3 -c "import json; print(json.load(open('$DATA/import.json'))['datasetId'])")
./velocitas serve --urls "http://127.0.0.1:$PORT" > "$DATA/app.log" 2>&1 & # as users start it (the runtime settings of ./velocitas)
app=$!
trap 'kill $app 2>/dev/null; rm -rf "$DATA"' EXIT
until curl -sf "http://127.0.0.1:$PORT/api/health" > /dev/null; do sleep 0.5; done
echo "app started: $(grep VmRSS /proc/$app/status)"
for run in first later later; do
  start=$(date +%s.%N)
  curl -sf -X POST "http://127.0.0.1:$PORT/api/backtests" -H 'Content-Type: application/json' \
    -d "{\"dataset_id\": $id, \"strategy\": \"sma-crossover\", \"parameters\": {\"fast\": 10, \"slow\": 30}}" > "$DATA/backtest.json"
  end=$(date +%s.%N)
  printf '%s API backtest: %.2f s; %s; %s\n' "$run" "$(echo "$end - $start" | bc)" "$(grep VmHWM /proc/$app/status | tr -s ' ')" "$(grep VmRSS /proc/$app/status | tr -s ' ')"
done
python3 -c "import json; r=json.load(open('$DATA/backtest.json')); print('candles', r['candles'], 'trades', len(r['trades']), 'final equity', r['metrics']['finalEquity'])"
