#!/usr/bin/env bash
# Whole-process timings of the CLI on the files issue #16 names (run from the repository root after
# `dotnet build -c Release Velocitas.Web`). The 446,400-candle file (May 2021 BTCUSDT 1m repeated 10x, each copy
# shifted by a month so no row is a duplicate) is generated into $TMPDIR at measurement time, never committed.
# Prints, per command, the fastest and the median wall time and the median CPU time (user + sys) of N runs.
# CLI=./velocitas measures the ahead-of-time compiled command line instead (publish it once first: ./velocitas --version).
set -euo pipefail
N=${N:-5}
DLL=${DLL:-Velocitas.Web/bin/Release/net10.0/Velocitas.Web.dll}
CLI=${CLI:-dotnet $DLL}
# whole units like backtesting.py's default (10,000 of cash buys no whole BTC, so no trade happens), or LOT=0.0001
LOT=${LOT:-1}
MONTH=../shared/data/real/BTCUSDT-1m-2021-05.csv
BIG=${TMPDIR:-/tmp}/BTCUSDT-1m-446400.csv
SMALL=${TMPDIR:-/tmp}/BTCUSDT-1m-1000.csv
[ -f "$SMALL" ] || head -n 1000 "$MONTH" > "$SMALL"
if [ ! -f "$BIG" ]; then
  python3 - "$MONTH" "$BIG" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
shift = 44640 * 60000
with open(sys.argv[2], "w") as out:
    for k in range(10):
        for l in lines:
            f = l.split(",")
            f[0] = str(int(f[0]) + k * shift); f[6] = str(int(f[6]) + k * shift)
            out.write(",".join(f) + "\n")
PY
fi

measure() {
  local name=$1; shift
  local times=()
  for _ in $(seq "$N"); do
    # shellcheck disable=SC2086 # CLI is a command line ("dotnet file.dll" or "./velocitas")
    /usr/bin/time -f "%e %U %S" -o /tmp/velocitas-time.txt $CLI "$@" > /dev/null
    times+=("$(cat /tmp/velocitas-time.txt)")
  done
  printf '%s\n' "${times[@]}" | python3 -c "
import sys, statistics
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
wall = sorted(r[0] for r in rows); cpu = sorted(r[1] + r[2] for r in rows)
print(f'$name: wall min {wall[0]:.2f} s, median {statistics.median(wall):.2f} s; cpu median {statistics.median(cpu):.2f} s ({len(rows)} runs)')"
}

measure "backtest 1,000 candles" backtest --data "$SMALL" --strategy sma-crossover --param fast=10 --param slow=30 --fee 0.001 --lot-step "$LOT"
measure "backtest 44,640 candles" backtest --data "$MONTH" --strategy sma-crossover --param fast=10 --param slow=30 --fee 0.001 --lot-step "$LOT"
measure "backtest 446,400 candles" backtest --data "$BIG" --strategy sma-crossover --param fast=10 --param slow=30 --fee 0.001 --lot-step "$LOT"
measure "optimize 90 combinations x 44,640 candles" optimize --data "$MONTH" --strategy sma-crossover --range fast=5:50:5 --range slow=20:200:20 --fee 0.001 --lot-step "$LOT" --json
