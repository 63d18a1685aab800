#!/usr/bin/env bash
# The benchmark in one command: builds the providers and the benchmark (Maven profile "bench", tests
# skipped), then builds and starts Keycloak in production mode with our JARs on its own PostgreSQL
# database, seeds, measures and prints a table (docs/benchmarks.md).
# Full run (under 40 min on 2 quiet cores): bench/run.sh     -> bench/results.json, bench/RESULTS.md
# Harness check at small sizes:       bench/run.sh --small    -> bench/target/results-small.json
# Any setting: -Dbench.<name>=<value> (see docs/benchmarks.md). Profile the server: BENCH_JFR=1 bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
small=false
settings=()
for argument in "$@"; do
  case "$argument" in
    --small) small=true ;;
    -D*) settings+=("$argument") ;;
    *) echo "Unknown argument: $argument (use --small or -Dbench.<name>=<value>)" >&2; exit 2 ;;
  esac
done
if $small; then
  settings=(-Dbench.pin.scales=10,300 -Dbench.admin.scales=100,300 -Dbench.spread=5x200 -Dbench.token.organizations=1,5
            -Dbench.switch.rounds=2 -Dbench.switch.perClient=2 -Dbench.page.loads=2
            -Dbench.token.warmup=2 -Dbench.token.rounds=2 -Dbench.token.slot=2 -Dbench.pin.rounds=2 -Dbench.pin.perClient=2 -Dbench.pin.coldRounds=2 -Dbench.pin.coldPerRound=2
            -Dbench.list.rounds=2 -Dbench.list.perClient=3 -Dbench.list.slot=2 -Dbench.sql.calls=5
            -Dbench.login.users=30 -Dbench.login.rounds=2 -Dbench.login.perClient=2 -Dbench.lookup.rounds=2 -Dbench.lookup.calls=3
            -Dbench.output=bench/target/results-small.json "${settings[@]}")
else
  settings=(-Dbench.output=bench/results.json "${settings[@]}")
fi
if [ -n "${BENCH_JFR:-}" ]; then
  mkdir -p bench/target
  export JAVA_OPTS_APPEND="${JAVA_OPTS_APPEND:-} -XX:FlightRecorderOptions:stackdepth=256 -XX:StartFlightRecording=filename=$PWD/bench/target/keycloak.jfr,settings=profile,dumponexit=true"
  echo "[bench] Keycloak runs with JFR; recording at bench/target/keycloak.jfr when it stops"
fi
echo "[bench] Building the providers and the benchmark (mvn -B -q -Dmaven.test.skip=true -Pbench verify)..."
mvn -B -q -Dmaven.test.skip=true -Pbench verify
version=$(sed -n "s:.*<keycloak.server.version>\(.*\)</keycloak.server.version>.*:\1:p" pom.xml)
exec java -Xmx512m -Dkeycloak.server.version="${version}" -Dbench.root="$PWD" -Dbench.command="bench/run.sh${*:+ $*}" \
  "${settings[@]}" \
  -cp "bench/runner/target/classes:$(cat bench/runner/target/runner.classpath)" \
  io.backoffice.keycloak.bench.BenchMain
