#!/usr/bin/env bash
# The benchmark of the measured goals (see docs/benchmark.md and bench/README.md): builds the function, a bare Quarkus Lambda and the
# harness, then prints one line per figure with its unit, its goal and [ok]/[MISS].
#
#   bench/run.sh              build everything, run every phase (about 3.5 minutes on 2 cores)
#   bench/run.sh --no-build   reuse target/function.zip and the bench builds
#   bench/run.sh --quick      fewer samples (3 cold starts, 2,000 events, 1 fan-out trial): a smoke test
#   bench/run.sh --phases=cold,fanout   only some of: package,cold,snapstart,warm,fanout,fanoutgroup,storm,bighub,
#                                       biggroup,reconcile,memory
#
# Needs only a JDK 17+ (the one on PATH, or JAVA_HOME) and the project; Maven comes through ./mvnw. Everything runs
# on 127.0.0.1; scratch files and logs go to bench/work/ (logs/ has one log per function process).
# BENCH_PROJECT=<dir> measures the function.zip of another checkout; BENCH_JVM_FLAGS replaces the function JVMs'
# flags (default: a 256 MB Lambda's, see Bench.DEFAULT_JVM_FLAGS).
set -euo pipefail

bench_dir=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$bench_dir")
project=${BENCH_PROJECT:-$repo}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

build=1
props=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --quick) props+=(-Dbench.coldRuns=3 -Dbench.events=2000 -Dbench.fanoutTrials=1
                     -Dbench.jmh.warmupIterations=1 -Dbench.jmh.iterations=2) ;;
    --phases=*) props+=("-Dbench.phases=${arg#--phases=}") ;;
    *) echo "unknown option: $arg (see the top of $0)" >&2; exit 64 ;;
  esac
done

if [ "$build" = 1 ]; then
  echo "[bench] building the function: ./mvnw -B -q package -DskipTests (in $project)" >&2
  (cd "$project" && ./mvnw -B -q package -DskipTests)
  echo "[bench] building the bare Quarkus Lambda and the harness" >&2
  "$repo/mvnw" -B -q -f "$bench_dir/bare/pom.xml" package -DskipTests
  "$repo/mvnw" -B -q -f "$bench_dir/bare-rest/pom.xml" package -DskipTests
  "$repo/mvnw" -B -q -f "$bench_dir/pom.xml" package
fi

harness_jar=$(ls "$bench_dir"/target/statushub-alert-bridge-bench-*.jar)
jmh_cp="$harness_jar"
for jar in "$bench_dir"/target/harness-lib/{jmh-core,jopt-simple,commons-math3}-*.jar; do jmh_cp="$jmh_cp:$jar"; done

exec "$java" -Dsun.net.httpserver.nodelay=true -cp "$harness_jar:$bench_dir/target/harness-lib/*" \
  -Dbench.function="$project/target/function.zip" \
  -Dbench.bare="$bench_dir/bare/target/function.zip" \
  -Dbench.bareRest="$bench_dir/bare-rest/target/function.zip" \
  -Dbench.ric="$bench_dir/target/ric" \
  -Dbench.work="$bench_dir/work" \
  -Dbench.harnessClasspath="$jmh_cp" \
  -Dbench.jvmFlags="${BENCH_JVM_FLAGS:-}" \
  "${props[@]}" \
  dev.alertbridge.bench.Bench
