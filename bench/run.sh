#!/usr/bin/env bash
# House against the servers a user would otherwise pick, on this machine, in one run.
#
#   bench/run.sh [s1|s2|s3|s4|s5|s6|s7|s8|s1tls|s2tls|s1h2|s1h2tls|s2h2|s3h2|h2|jmh|all|report] [--quick]
#
# Builds everything (mvn -Pbench package), then runs each scenario against every server in turn:
# each server alone, on the same JVM with the same heap, pinned to the same CPUs, warmed up first;
# the load generators (wrk, the SSE load client in bench/load) are pinned to the other CPUs.
# Prints one Markdown table per scenario with absolute figures and house/peer ratios, and keeps
# raw output under bench/target/results/. --quick is the CI smoke test: short runs, small counts,
# about seven minutes, no thresholds. See docs/BENCHMARKS.md for what each scenario measures.
# S6 runs clusters instead of single servers: two nodes of house (house.broker=redis) or of the
# WebFlux peer (rooms over Redis pub/sub) sharing one redis-server, next to one house node.
# s1tls and s2tls are S1 (keep-alive) and S2 over HTTPS: every server started with TLS_KEYSTORE set
# to an EC P-256 key made here once (bench/target/tls/bench.p12), TLS 1.3 with the JDK's defaults;
# their tables add each server's TLS / plain ratio when the plain run is in the same results.
# Cost view (S2, S6, S7): the load client reads the server's /proc/PID/stat (CPU time) and
# /proc/PID/io (syscw, write syscalls) around each step, so the tables show server CPU µs and write
# syscalls per delivery next to throughput, and the client's own CPU (a step is "client-bound" when
# the client's core was saturated: then a throughput limit may be the client's, not the server's).
# HTTP/2 (issue 14): s1h2 is S1 with h2load (64 clients x 16 concurrent streams) over h2c with prior
# knowledge, s1h2tls the same over TLS (ALPN h2); s2h2 the S2 ramp and s3h2 the S3 idle streams with the
# SSE subscribers multiplexed 100 streams per HTTP/2 connection (h2c; the publisher stays on HTTP/1.1);
# `h2` runs the four. Every server is started with BENCH_HTTP2=1 for them (the peers turn HTTP/2 on;
# house serves it by default).
# S7 burst: subscribers that do not read while 50 events are posted back to back; cost from the
# first post until the server's CPU stops moving, then every subscriber drains and counts.
#
# Environment: BENCH_JAVA_HOME (default: a JDK 21+ from /usr/lib/jvm if present, for virtual
# threads in the MVC peer and house's workers, else the java on PATH), BENCH_XMX (2g),
# BENCH_SERVER_CPUS (0), BENCH_LOAD_CPUS (1), BENCH_PORT (18080, and the next port for S6's second
# node), BENCH_REDIS_PORT (16379), BENCH_SERVERS (all of them),
# BENCH_SKIP_BUILD=1 to reuse the last build, BENCH_APPEND=1 to add to the last run's results,
# BENCH_JFR=1 to record each server with JFR (settings=profile) into bench/target/results/*.jfr;
# then e.g. `jfr view hot-methods bench/target/results/house-core-s5.jfr`.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
SCENARIO=all
QUICK=0
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    s1|s2|s3|s4|s5|s6|s7|s8|s1tls|s2tls|s1h2|s1h2tls|s2h2|s3h2|h2|jmh|all|report) SCENARIO=$arg ;;
    *) echo "usage: bench/run.sh [s1|s2|s3|s4|s5|s6|s7|s8|s1tls|s2tls|s1h2|s1h2tls|s2h2|s3h2|h2|jmh|all|report] [--quick]" >&2; exit 2 ;;
  esac
done

pick_java_home() {
  if [[ -n "${BENCH_JAVA_HOME:-}" ]]; then echo "$BENCH_JAVA_HOME"; return; fi
  local jdk v
  for jdk in /usr/lib/jvm/*/; do
    [[ -x "$jdk/bin/java" && -x "$jdk/bin/jcmd" ]] || continue
    v=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    if [[ "${v%%.*}" -ge 21 ]]; then echo "${jdk%/}"; return; fi
  done
  dirname "$(dirname "$(readlink -f "$(command -v java)")")"
}
JAVA_HOME_BENCH=$(pick_java_home)
JAVA="$JAVA_HOME_BENCH/bin/java"
XMX=${BENCH_XMX:-2g}
SERVER_CPUS=${BENCH_SERVER_CPUS:-0}
LOAD_CPUS=${BENCH_LOAD_CPUS:-1}
PORT=${BENCH_PORT:-18080}
REDIS_PORT=${BENCH_REDIS_PORT:-16379}
SERVERS=(${BENCH_SERVERS:-house-core house-starter netty webflux mvc})
JVM_FLAGS=(-Xmx"$XMX" -XX:+UseG1GC -Dfile.encoding=UTF-8)
OUT="$BENCH/target/results"
RESULTS="$OUT/results.txt"
KEYSTORE="$BENCH/target/tls/bench.p12"
SCHEME=http # https while the TLS scenarios run
HTTP2=0     # 1 while the HTTP/2 scenarios run: servers started with BENCH_HTTP2=1
H2_STREAMS=100 # SSE subscribers per HTTP/2 connection in s2h2 and s3h2
FAILURES=0

if (( QUICK )); then
  S1_WARM=1; S1_SECONDS=2
  S2_COUNTS=(1000); S2_STEP=1; S2_GROWTH=2; S2_MAX_STEPS=4
  S3_COUNT=1000; S3_SOURCES=2
  S4_NORMAL=20; S4_SLOW=100; S4_SECONDS=4
  S5_SECONDS=2
  S6_COUNT=1000; S6_STEP=1; S6_GROWTH=2; S6_MAX_STEPS=3
  S7_COUNTS=(1000 2000); S7_EVENTS=50
  S8_ROOMS=20000; S8_SECONDS=2
  S2H2_COUNT=1000; S3H2_COUNT=1000; S1H2_TLS_REQUESTS=10000
  JMH_OPTS=(-wi 0 -i 1 -r 1 -f 1 -p pipelined=1 -p batch=1)
else
  S1_WARM=10; S1_SECONDS=30
  S2_COUNTS=(1000 10000); S2_STEP=5; S2_GROWTH=1.5; S2_MAX_STEPS=30
  S3_COUNT=15000; S3_SOURCES=4
  S4_NORMAL=100; S4_SLOW=1000; S4_SECONDS=30
  S5_SECONDS=30
  S6_COUNT=10000; S6_STEP=5; S6_GROWTH=1.5; S6_MAX_STEPS=30
  S7_COUNTS=(5000 10000); S7_EVENTS=50
  S8_ROOMS=200000; S8_SECONDS=5
  S2H2_COUNT=10000; S3H2_COUNT=15000; S1H2_TLS_REQUESTS=1000000
  JMH_OPTS=() # the benchmarks' own settings: 3 x 2 s warm-up, 5 x 2 s measured, 1 fork
fi
# BENCH_S2_COUNTS="10000" runs S2 (and S2 over TLS) at those subscriber counts only
[[ -z "${BENCH_S2_COUNTS:-}" ]] || S2_COUNTS=($BENCH_S2_COUNTS)

# ---- servers -----------------------------------------------------------------------------------

# module and main class of each server
server_module() {
  case "$1" in
    house-core) echo "house-core-app dev.house.bench.housecore.HouseCoreApp" ;;
    house-starter) echo "house-starter-app dev.house.bench.housestarter.HouseStarterApp" ;;
    netty) echo "peer-netty dev.house.bench.netty.NettyPeer" ;;
    webflux) echo "peer-webflux dev.house.bench.webflux.WebFluxPeer" ;;
    mvc) echo "peer-mvc dev.house.bench.mvc.MvcPeer" ;;
    *) echo "unknown server $1" >&2; return 1 ;;
  esac
}

server_available() {
  local module
  read -r module _ <<<"$(server_module "$1")"
  [[ -f "$BENCH/$module/target/bench-$module.jar" ]]
}

SERVER_PID=    # the last server started
SERVER_PIDS=() # every server (cluster node) running
start_server() { # name log [port [NAME=value environment...]]
  local name=$1 log=$2 port=${3:-$PORT}
  shift $(($# < 3 ? $# : 3))
  local module main
  read -r module main <<<"$(server_module "$name")"
  local jfr=()
  if [[ "${BENCH_JFR:-0}" == 1 ]]; then
    jfr=(-XX:StartFlightRecording:filename="${log%.log}.jfr",settings=profile,dumponexit=true)
  fi
  local tls=()
  [[ "$SCHEME" == https ]] && tls=(TLS_KEYSTORE="$KEYSTORE")
  (( HTTP2 )) && tls+=(BENCH_HTTP2=1)
  env SERVER_PORT="$port" "${tls[@]}" "$@" taskset -c "$SERVER_CPUS" "$JAVA" "${JVM_FLAGS[@]}" "${jfr[@]}" \
    -cp "$BENCH/$module/target/bench-$module.jar:$BENCH/$module/target/lib/*" "$main" >"$log" 2>&1 &
  SERVER_PID=$!
  SERVER_PIDS+=("$SERVER_PID")
  local i
  for i in $(seq 1 120); do
    if curl -kfs -o /dev/null --max-time 1 "$SCHEME://127.0.0.1:$port/hello"; then return 0; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then break; fi
    sleep 0.5
  done
  echo "  $name did not start; see $log" >&2
  stop_server
  return 1
}

stop_server() { # every server started
  (( ${#SERVER_PIDS[@]} > 0 )) || return 0
  kill "${SERVER_PIDS[@]}" 2>/dev/null || true
  local i pid
  for i in $(seq 1 40); do
    for pid in "${SERVER_PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && break; pid=; done
    [[ -n "$pid" ]] || break
    sleep 0.25
  done
  kill -9 "${SERVER_PIDS[@]}" 2>/dev/null || true
  wait "${SERVER_PIDS[@]}" 2>/dev/null || true
  SERVER_PID=
  SERVER_PIDS=()
  # the next server binds the same port; TIME_WAIT does not block a listening socket with SO_REUSEADDR,
  # but give the kernel a moment to release the old listener
  sleep 0.5
}

# S6's broker: one redis-server without persistence, on the servers' CPUs (it is part of the cluster)
REDIS_PID=
start_redis() {
  command -v redis-server >/dev/null || { echo "  redis-server is required for s6: apt-get install -y redis-server" >&2; return 1; }
  taskset -c "$SERVER_CPUS" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
    >"$OUT/redis.log" 2>&1 &
  REDIS_PID=$!
  local i
  for i in $(seq 1 40); do
    if [[ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]; then return 0; fi
    sleep 0.25
  done
  echo "  redis-server did not start; see $OUT/redis.log" >&2
  stop_redis
  return 1
}

stop_redis() {
  [[ -n "$REDIS_PID" ]] || return 0
  kill "$REDIS_PID" 2>/dev/null || true
  wait "$REDIS_PID" 2>/dev/null || true
  REDIS_PID=
}
trap 'stop_server; stop_redis' EXIT

# The servers' key for the TLS scenarios, made once: a self-signed EC P-256 certificate.
make_keystore() {
  [[ -f "$KEYSTORE" ]] && return 0
  mkdir -p "$(dirname "$KEYSTORE")"
  "$JAVA_HOME_BENCH/bin/keytool" -genkeypair -alias bench -keyalg EC -groupname secp256r1 -dname CN=localhost \
    -ext san=dns:localhost,ip:127.0.0.1 -validity 3650 -keystore "$KEYSTORE" -storetype PKCS12 -storepass changeit \
    >/dev/null 2>&1 || { echo "keytool could not make $KEYSTORE" >&2; return 1; }
}

# Whether the server has an SSE endpoint yet (200 and a stream, not 404).
has_sse() {
  local code
  code=$(curl -ks -o /dev/null --max-time 1 -w '%{http_code}' "$SCHEME://127.0.0.1:$PORT/source?room=probe" || true)
  [[ "$code" == 200 ]]
}

# ---- load generators ---------------------------------------------------------------------------

load_client() { # scenario label server args...
  local scenario=$1 label=$2 server=$3
  shift 3
  local line tls=()
  [[ "$SCHEME" == https ]] && tls=(--tls true)
  line=$(taskset -c "$LOAD_CPUS" "$JAVA" -Xmx2g -cp "$BENCH/load/target/bench-load.jar:$BENCH/load/target/lib/*" \
    dev.house.bench.load.LoadMain "$scenario" --port "$PORT" --server "$server" --jdk "$JAVA_HOME_BENCH" "${tls[@]}" "$@" \
    2> >(sed 's/^/    /' >&2) | grep '^RESULT' || true)
  if [[ -z "$line" ]]; then
    echo "RESULT case=$label server=$server error=load_client_failed" >>"$RESULTS"
    FAILURES=$((FAILURES + 1))
  else
    echo "${line/RESULT /RESULT case=$label }" >>"$RESULTS"
  fi
}

# wrk's figures as key=value: rps and p99 in ms
wrk_run() { # seconds connections extra-args...
  local seconds=$1 conns=$2
  shift 2
  taskset -c "$LOAD_CPUS" wrk -t1 -c"$conns" -d"${seconds}s" --latency "$SCHEME://127.0.0.1:$PORT/hello" "$@" 2>&1 |
    awk '
      function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
      /Requests\/sec:/ { rps = $2 }
      /^ +99%/ { p99 = ms($2) }
      /Socket errors:/ { errors = $0; gsub(/ /, "", errors) }
      /Non-2xx/ { non2xx = $NF }
      END { printf "rps=%d p99_ms=%.2f", rps, p99; if (errors != "") printf " errors=%s", errors; if (non2xx != "") printf " non2xx=%s", non2xx }'
}

record() { echo "RESULT case=$1 server=$2 $3" >>"$RESULTS"; }

# h2load's figures as key=value: rps, mean and max request time in ms, failed/errored requests, the protocol agreed.
# Timed (-D) over h2c; over TLS h2load 1.52's timed mode never ends here (against Netty as well as house), so
# there it sends a fixed number of requests instead. A server that leaves streams unanswered would hold h2load
# forever: hence the inactivity timeout and, past it, timeout(1); either shows in the row.
h2load_run() { # seconds-or-requests warm-up-seconds-or-requests limit-seconds
  local amount=(-D "$1" --warm-up-time="$2")
  [[ "$SCHEME" == https ]] && amount=(-n "$1")
  timeout -s KILL "$3" taskset -c "$LOAD_CPUS" h2load -t1 -c64 -m16 "${amount[@]}" \
    --connection-inactivity-timeout=10 "$SCHEME://127.0.0.1:$PORT/hello" 2>&1 |
    awk '
      function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
      /^finished in/ { rps = $4 }
      /^requests:/ { succeeded = $8; failed = $10; errored = $12 }
      /^time for request:/ { mean = ms($6); max = ms($5) }
      /^Application protocol:/ { proto = $3 }
      END { if (rps == "") { printf "error=h2load_did_not_finish"; exit }
            printf "rps=%d mean_ms=%.2f max_ms=%.2f succeeded=%d", rps, mean, max, succeeded
            if (failed + 0 > 0) printf " failed=%d", failed; if (errored + 0 > 0) printf " errored=%d", errored
            printf " protocol=%s", proto == "" ? "none" : proto }'
}

# ---- scenarios ---------------------------------------------------------------------------------

s1() { # server [case prefix: s1, or s1tls over HTTPS]
  local prefix=${2:-s1}
  wrk_run "$S1_WARM" 64 >/dev/null
  record "$prefix-keepalive" "$1" "$(wrk_run "$S1_SECONDS" 64)"
  [[ "$prefix" == s1 ]] || return 0 # over TLS keep-alive only, which keeps the run short
  wrk_run "$S1_WARM" 64 -s "$BENCH/wrk/pipeline.lua" -- 16 >/dev/null
  record s1-pipelined "$1" "$(wrk_run "$S1_SECONDS" 64 -s "$BENCH/wrk/pipeline.lua" -- 16)"
}

# S2's p99 bound for n subscribers: 100 ms up to 1,000; 250 ms beyond (issue 17's 10,000-subscriber target:
# one core writes and one reads 10,000 sockets per event, which alone takes tens of milliseconds)
s2_bound_ms() { if (( $1 <= 1000 )); then echo 100; else echo 250; fi; }

s2() { # server [case prefix: s2, or s2tls over HTTPS]
  local n
  for n in "${S2_COUNTS[@]}"; do
    load_client fanout "${2:-s2}-$n" "$1" --subscribers "$n" --step-seconds "$S2_STEP" --growth "$S2_GROWTH" \
      --max-steps "$S2_MAX_STEPS" --p99-bound-ms "$(s2_bound_ms "$n")" --publishers 4 --pids "$(server_pids)"
  done
}

s1tls() { s1 "$1" s1tls; }
s2tls() { s2 "$1" s2tls; }

# ---- HTTP/2 (issue 14) -------------------------------------------------------------------------

s1h2() { # server [case: s1h2, or s1h2tls over TLS]
  if [[ "$SCHEME" == https ]]; then
    h2load_run "$((S1H2_TLS_REQUESTS / 4))" 0 "$((S1_SECONDS + 60))" >/dev/null # warm-up
    record "${2:-s1h2}" "$1" "$(h2load_run "$S1H2_TLS_REQUESTS" 0 "$((S1_SECONDS * 4 + 60))")"
  else
    record "${2:-s1h2}" "$1" "$(h2load_run "$S1_SECONDS" "$S1_WARM" "$((S1_SECONDS + S1_WARM + 30))")"
  fi
}
s1h2tls() { s1h2 "$1" s1h2tls; }

# S2's ramp with the subscribers multiplexed over HTTP/2; the p99 bound is S2's at 10,000 (one core writes and
# one reads 10,000 streams per event)
S2H2_P99_BOUND_MS=$(s2_bound_ms "$S2H2_COUNT")
s2h2() {
  load_client fanout s2h2 "$1" --subscribers "$S2H2_COUNT" --h2-streams "$H2_STREAMS" --step-seconds "$S2_STEP" \
    --growth "$S2_GROWTH" --max-steps "$S2_MAX_STEPS" --p99-bound-ms "$S2H2_P99_BOUND_MS" --publishers 4 \
    --pids "$(server_pids)"
}

s3h2() { load_client idle s3h2 "$1" --subscribers "$S3H2_COUNT" --h2-streams "$H2_STREAMS" --pid "$SERVER_PID"; }

# S6: the S2 ramp against a cluster of two nodes sharing one redis-server (both nodes on the
# servers' CPUs with it), subscribers and publishers spread over both so most events cross nodes;
# one house node with the in-memory broker, measured in the same run, is the baseline. The p99
# bound is looser than S2's: with 10,000 subscribers one core just writing (and another reading)
# 10,000 sockets per event already takes ~60 ms, whatever the broker.
S6_P99_BOUND_MS=250
S6_ROWS="house-starter-redis house-starter-redis-presence webflux-redis house-starter-local"
s6_ramp() { # row ports
  load_client fanout s6 "$1" --ports "$2" --subscribers "$S6_COUNT" --step-seconds "$S6_STEP" \
    --growth "$S6_GROWTH" --max-steps "$S6_MAX_STEPS" --p99-bound-ms "$S6_P99_BOUND_MS" --publishers 4 \
    --pids "$(server_pids)"
}

s6_cluster() { # row server [NAME=value environment...]
  local row=$1 server=$2
  shift 2
  local broker=(HOUSE_BROKER=redis BENCH_BROKER=redis SPRING_DATA_REDIS_PORT="$REDIS_PORT" "$@")
  echo "== $row: two nodes on ports $PORT and $((PORT + 1)), redis-server on $REDIS_PORT" >&2
  redis-cli -p "$REDIS_PORT" config resetstat >/dev/null
  if start_server "$server" "$OUT/$row-s6-a.log" "$PORT" "${broker[@]}" &&
    start_server "$server" "$OUT/$row-s6-b.log" "$((PORT + 1))" "${broker[@]}"; then
    s6_ramp "$row" "$PORT,$((PORT + 1))"
    # what Redis did for the row (commands called by scripts included): presence shows as
    # sadd/hincrby/zadd, which nothing else uses; see REDIS.md
    redis-cli -p "$REDIS_PORT" info commandstats >"$OUT/$row-s6-commandstats.txt"
    record s6-redis "$row" "joins=$S6_COUNT $(awk -F'[:=,]' '/^cmdstat_(evalsha|eval|sadd|hincrby|zadd|xadd|xread)[:]/ {
      printf "%s=%s ", substr($1, 9), $3 }' "$OUT/$row-s6-commandstats.txt")"
  else
    record s6 "$row" "error=server_did_not_start"
    FAILURES=$((FAILURES + 1))
  fi
  stop_server
}

s6() {
  local row
  # S6 is plain HTTP/1.1 whatever ran before it: in `all` the TLS and HTTP/2 groups run first and
  # left SCHEME=https and HTTP2=1 behind, so the nodes came up with TLS and h2 and the smoke run
  # measured another scenario than `bench/run.sh s6` does
  SCHEME=http
  HTTP2=0
  if ! server_available house-starter || ! server_available webflux; then
    for row in $S6_ROWS; do record s6 "$row" "pending=app_not_built_yet"; done
    return
  fi
  if ! start_redis; then
    for row in $S6_ROWS; do record s6 "$row" "error=redis_server_did_not_start"; done
    FAILURES=$((FAILURES + 1))
    return
  fi
  s6_cluster house-starter-redis house-starter
  redis-cli -p "$REDIS_PORT" flushall >/dev/null
  # the same with presence on: every stream its own identity (BENCH_PRESENCE, see ChatHandlers)
  s6_cluster house-starter-redis-presence house-starter BENCH_PRESENCE=true
  redis-cli -p "$REDIS_PORT" flushall >/dev/null
  s6_cluster webflux-redis webflux
  stop_redis
  echo "== house-starter-local: one node, in-memory broker" >&2
  if start_server house-starter "$OUT/house-starter-local-s6.log"; then
    s6_ramp house-starter-local "$PORT"
  else
    record s6 house-starter-local "error=server_did_not_start"
    FAILURES=$((FAILURES + 1))
  fi
  stop_server
}

# ---- cost view and S7 burst --------------------------------------------------------------------

# The processes whose cost a step counts, comma-separated: every server (cluster node) running and,
# in S6, the redis-server the nodes share, since it is part of what a delivery costs there.
server_pids() {
  local pids=("${SERVER_PIDS[@]}")
  [[ -n "$REDIS_PID" ]] && pids+=("$REDIS_PID")
  local IFS=,
  echo "${pids[*]}"
}

# S7: N subscribers that do not read, S7_EVENTS posts back to back on one pipelined connection.
s7() { # server
  local n
  for n in "${S7_COUNTS[@]}"; do
    load_client burst "s7-$n" "$1" --subscribers "$n" --events "$S7_EVENTS" --pids "$(server_pids)"
  done
}

s7_tables() {
  local n
  for n in "${S7_COUNTS[@]}"; do
    table "s7-$n" "S7 burst, $n subscribers x $S7_EVENTS events posted back to back (lower cost is better; house / this below 1 means house is cheaper)" \
      cpu_us_per_delivery \
      "cpu_us_per_delivery:server_CPU_µs/delivery syscw_per_delivery:write_syscalls/delivery deliveries_per_busy_s:deliveries/s_of_busy_time busy_ms:busy_ms cpu_ms:server_CPU_ms delivered_pct:delivered_% client_cpu_pct:client_CPU_% error:error"
  done
}

# The cost of S2/S6 rows at one offered load: each server's step_costs
# (events/s:cpu_us:syscw:client_%[:client-bound][:error]) at the highest rate every server in the
# table ran without error, so all rows compare the same work; plus each server's cost at its own
# peak error-free step. Ratios house / this: below 1 means house spends less per delivery.
cost_table() { # case title ["rows in order"] ["rows to divide by"]
  local case=$1 title=$2 order=${3:-${SERVERS[*]}} bases=${4:-house-core house-starter}
  echo
  echo "#### $title"
  echo
  awk -v case="$case" -v order="$order" -v bases="$bases" '
    $1 == "RESULT" {
      c = ""; s = ""
      for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "case") c = kv[2]; if (kv[1] == "server") s = kv[2] }
      if (c == case) last[s] = $0
    }
    END {
      m = split(order, srv, " "); nb = split(bases, bcol, " ")
      rows = 0
      for (j = 1; j <= m; j++) {
        s = srv[j]
        if (!(s in last)) continue
        nf = split(last[s], f, " ")
        for (i = 2; i <= nf; i++) { eq = index(f[i], "="); v[s, substr(f[i], 1, eq - 1)] = substr(f[i], eq + 1) }
        if (v[s, "step_costs"] == "") continue
        rows++; has[s] = 1
        ns = split(v[s, "step_costs"], st, ",")
        for (k = 1; k <= ns; k++) {
          np = split(st[k], p, ":")
          if (st[k] ~ /:error/ || p[2] == "-") continue
          ok[s, p[1]] = 1; cpu[s, p[1]] = p[2]; sys[s, p[1]] = p[3]; cli[s, p[1]] = p[4]; bound[s, p[1]] = (st[k] ~ /client-bound/) ? "yes" : "no"
          if (!(p[1] in rate)) { rate[p[1]] = 1 }
        }
      }
      common = -1
      for (r in rate) {
        all = 1
        for (s in has) if (!((s, r) in ok)) all = 0
        if (all && r + 0 > common + 0) common = r
      }
      if (rows == 0) { print "(no cost figures in the results)"; exit }
      printf "| server | events/s (same for all) | server CPU µs/delivery | write syscalls/delivery | client CPU %% | client-bound |"
      for (h = 1; h <= nb; h++) printf " %s / this (CPU) | %s / this (syscalls) |", bcol[h], bcol[h]
      printf " peak-step CPU µs/delivery | peak-step syscalls/delivery | peak-step client-bound | client-bound steps |\n|---|"
      for (i = 1; i <= 5 + 2 * nb + 4; i++) printf "---:|"; printf "\n"
      for (j = 1; j <= m; j++) {
        s = srv[j]
        if (!(s in has)) continue
        if (common == -1) { printf "| %s | no common error-free step |", s; for (i = 2; i <= 5 + 2 * nb + 4; i++) printf " |" }
        else {
          printf "| %s | %s | %s | %s | %s | %s |", s, common, cpu[s, common], sys[s, common], cli[s, common], bound[s, common]
          for (h = 1; h <= nb; h++) {
            hs = bcol[h]
            if ((hs in has) && cpu[s, common] + 0 != 0) printf " %.2f |", cpu[hs, common] / cpu[s, common]; else printf " |"
            if ((hs in has) && sys[s, common] + 0 != 0) printf " %.2f |", sys[hs, common] / sys[s, common]; else printf " |"
          }
        }
        printf " %s | %s | %s | %s |\n", v[s, "peak_cpu_us_per_delivery"], v[s, "peak_syscw_per_delivery"], v[s, "peak_client_bound"], v[s, "client_bound_steps"]
      }
    }' "$RESULTS"
}

s3() { load_client idle s3 "$1" --subscribers "$S3_COUNT" --sources "$S3_SOURCES" --pid "$SERVER_PID"; }

s4() {
  load_client slow s4 "$1" --normal "$S4_NORMAL" --slow "$S4_SLOW" --seconds "$S4_SECONDS" \
    --bytes-per-second 1048576 --message-bytes 16384 --pid "$SERVER_PID"
}

s5() {
  wrk_run "$S1_WARM" 16 -H "Connection: close" >/dev/null
  sleep 1
  local before after
  before=$(ls "/proc/$SERVER_PID/fd" | wc -l)
  local figures
  figures=$(wrk_run "$S5_SECONDS" 16 -H "Connection: close")
  sleep 2 # closes in flight settle
  after=$(ls "/proc/$SERVER_PID/fd" | wc -l)
  record s5 "$1" "${figures/rps=/conn_per_s=} fds_before=$before fds_after=$after"
}

# S8 channel flood: one room's publish rate before, during and after S8_ROOMS one-message rooms are
# created through POST /send-message, then the heap after a full GC (house's history cap: 64 MiB)
s8() {
  load_client flood s8 "$1" --rooms "$S8_ROOMS" --seconds "$S8_SECONDS" --pid "$SERVER_PID"
}

# the table rows ("cases") a scenario produces
cases_of() {
  case "$1" in
    s1) echo "s1-keepalive s1-pipelined" ;;
    s1tls) echo "s1tls-keepalive" ;;
    s2|s2tls) local n; for n in "${S2_COUNTS[@]}"; do printf '%s-%s ' "$1" "$n"; done ;;
    s7) local n; for n in "${S7_COUNTS[@]}"; do printf 's7-%s ' "$n"; done ;;
    *) echo "$1" ;;
  esac
}

record_all() { # scenario server fields
  local c
  for c in $(cases_of "$1"); do record "$c" "$2" "$3"; done
}

sse_scenario() { [[ "$1" == s2 || "$1" == s2tls || "$1" == s3 || "$1" == s4 || "$1" == s7 || "$1" == s2h2 || "$1" == s3h2 ]]; }
tls_scenario() { [[ "$1" == *tls ]]; }
h2_scenario() { [[ "$1" == *h2* ]]; }

run_on_server() { # server scenarios... (all over TLS or all plain)
  local server=$1
  shift
  if tls_scenario "$1"; then SCHEME=https; else SCHEME=http; fi
  if h2_scenario "$1"; then HTTP2=1; else HTTP2=0; fi
  if ! server_available "$server"; then
    local s
    for s in "$@"; do record_all "$s" "$server" "pending=app_not_built_yet"; done
    return
  fi
  echo "== $server: $*" >&2
  if ! start_server "$server" "$OUT/$server-$1.log"; then
    for s in "$@"; do record_all "$s" "$server" "error=server_did_not_start"; done
    FAILURES=$((FAILURES + 1))
    return
  fi
  local s sse=1
  has_sse || sse=0
  for s in "$@"; do
    if sse_scenario "$s" && (( ! sse )); then
      record_all "$s" "$server" "pending=no_sse_endpoint_yet"
      continue
    fi
    echo "  $s" >&2
    "$s" "$server"
  done
  stop_server
}

# ---- report ------------------------------------------------------------------------------------

# One Markdown table: a row per server, the given columns, and house/peer ratios of `headline`.
# Ratios: house figure divided by the row's figure (for throughput higher is better for house,
# for memory and latency lower is better for house). With a plain case (the TLS tables), a column
# divides each server's headline by its own in that case, when the results hold both.
table() { # case title headline "key:Header key:Header ..." [plain case] ["rows in order"] ["rows to divide by"]
  local case=$1 title=$2 headline=$3 cols=$4 plain=${5:-} order=${6:-${SERVERS[*]}} bases=${7:-house-core house-starter}
  echo
  echo "#### $title"
  echo
  awk -v case="$case" -v headline="$headline" -v cols="$cols" -v order="$order" -v bases="$bases" -v plain="$plain" '
    function parse(line, into, s,    nf, f, i, eq) {
      nf = split(line, f, " ")
      for (i = 2; i <= nf; i++) { eq = index(f[i], "="); into[s, substr(f[i], 1, eq - 1)] = substr(f[i], eq + 1) }
    }
    $1 == "RESULT" {
      c = ""; s = ""
      for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "case") c = kv[2]; if (kv[1] == "server") s = kv[2] }
      # a later run of the same case and server (BENCH_APPEND) replaces the earlier
      if (c == case) { last[s] = $0; seen[s] = 1 } else if (plain != "" && c == plain) base[s] = $0
    }
    END {
      for (s in last) parse(last[s], v, s)
      for (s in base) parse(base[s], b, s)
      n = split(cols, col, " ")
      nb = split(bases, bcol, " ")
      printf "| server |"; for (i = 1; i <= n; i++) { split(col[i], kh, ":"); h = kh[2]; gsub(/_/, " ", h); printf " %s |", h }
      for (h = 1; h <= nb; h++) printf " %s / this |", bcol[h]
      printf "%s\n|---|", plain != "" ? " TLS / plain |" : ""
      for (i = 1; i <= n + nb; i++) printf "---:|"; printf "%s\n", plain != "" ? "---:|" : ""
      pad = n + nb + (plain != "") # cells of a row after the server name
      m = split(order, srv, " ")
      for (j = 1; j <= m; j++) {
        s = srv[j]
        if (!(s in seen)) continue
        printf "| %s |", s
        if ((s, "pending") in v) { printf " pending (%s) |", v[s, "pending"]; for (i = 2; i <= pad; i++) printf " |"; printf "\n"; continue }
        if ((s, "error") in v && !((s, headline) in v)) { printf " error: %s |", v[s, "error"]; for (i = 2; i <= pad; i++) printf " |"; printf "\n"; continue }
        for (i = 1; i <= n; i++) { split(col[i], kh, ":"); printf " %s |", ((s, kh[1]) in v) ? v[s, kh[1]] : "" }
        for (h = 1; h <= nb; h++) {
          hs = bcol[h]
          hv = v[hs, headline]; pv = v[s, headline]
          if (hv != "" && pv != "" && pv + 0 != 0 && !((hs, "pending") in v)) printf " %.2f |", hv / pv; else printf " |"
        }
        if (plain != "") { bv = b[s, headline]; if (bv != "" && bv + 0 != 0) printf " %.2f |", v[s, headline] / bv; else printf " |" }
        printf "\n"
      }
    }' "$RESULTS"
}

s2_tables() { # case prefix, title prefix, [plain case prefix]
  local n
  for n in "${S2_COUNTS[@]}"; do
    table "$1-$n" "$2, $n subscribers on one room (rate raised until errors or p99 > 1 s)" deliveries_per_s \
      "deliveries_per_s:deliveries/s_at_p99<=$(s2_bound_ms "$n")ms p50_ms:p50_ms p99_ms:p99_ms peak_deliveries_per_s:peak_error-free_deliveries/s peak_p99_ms:p99_at_peak_ms limit:stopped_by error:error" \
      "${3:+$3-$n}"
  done
}

s2_cost_tables() { # case prefix, title prefix
  local n
  for n in "${S2_COUNTS[@]}"; do
    cost_table "$1-$n" "$2, $n subscribers: server CPU and write syscalls per delivery at the highest rate every server ran without error"
  done
}

report() {
  echo
  echo "### Results ($(date -u '+%Y-%m-%d %H:%M UTC'), $( ((QUICK)) && echo 'quick' || echo 'full') run)"
  echo
  echo "Command: \`bash bench/run.sh $SCENARIO$( ((QUICK)) && echo ' --quick')\`; JVM: $("$JAVA" -version 2>&1 | sed -n 1p) with ${JVM_FLAGS[*]};"
  echo "servers pinned to CPU $SERVER_CPUS, load generators to CPU $LOAD_CPUS; machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))," \
    "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr)."
  if [[ "$SCENARIO" == all || "$SCENARIO" == s1 ]]; then
    table s1-keepalive "S1 hello, wrk 64 keep-alive connections (${S1_SECONDS}s)" rps "rps:req/s p99_ms:p99_ms errors:errors non2xx:non-2xx"
    table s1-pipelined "S1 hello, pipelined depth 16 (${S1_SECONDS}s)" rps "rps:req/s p99_ms:p99_ms errors:errors non2xx:non-2xx"
  fi
  if [[ "$SCENARIO" == all || "$SCENARIO" == s2 ]]; then s2_tables s2 "S2 fan-out"; s2_cost_tables s2 "S2 cost"; fi
  if [[ "$SCENARIO" == all || "$SCENARIO" == s3 ]]; then
    table s3 "S3 idle streams, $S3_COUNT subscribers (lower per-connection figures are better)" heap_per_conn_bytes \
      "ready:ready held:held heap_per_conn_bytes:heap_B/conn rss_per_conn_bytes:RSS_B/conn heap_mib:heap_MiB rss_mib:RSS_MiB first_failure:first_failure"
  fi
  if [[ "$SCENARIO" == all || "$SCENARIO" == s4 ]]; then
    table s4 "S4 slow consumers: $S4_SLOW never read, $S4_NORMAL normal, 1 MiB/s published (${S4_SECONDS}s)" normal_p99_ms \
      "normal_delivered_pct:normal_delivered_% normal_p99_ms:normal_p99_ms slow_cut:slow_cut heap_gc_start_mib:heap_after_GC_start_MiB heap_gc_end_mib:heap_after_GC_end_MiB heap_max_mib:heap_max_MiB heap_timeline_mib:heap_MiB_each_second"
  fi
  if [[ "$SCENARIO" == all || "$SCENARIO" == s5 ]]; then
    table s5 "S5 churn: connect, one request, close (${S5_SECONDS}s, 16 connections)" conn_per_s \
      "conn_per_s:connections/s p99_ms:p99_ms fds_before:fds_before fds_after:fds_after errors:errors"
  fi
  if [[ "$SCENARIO" == all || "$SCENARIO" == s8 ]]; then
    table s8 "S8 channel flood: one room's publish rate before, during and after $S8_ROOMS one-message rooms (pipelined POSTs)" after_per_s \
      "before_per_s:before/s during_per_s:during/s after_per_s:after/s after_vs_before:after/before rooms:rooms flood_s:flood_s heap_after_gc_mib:heap_after_GC_MiB error:error"
  fi
  if [[ "$SCENARIO" == all || "$SCENARIO" == s6 ]]; then
    table s6 "S6 two-node fan-out: $S6_COUNT subscribers split over two nodes sharing one redis-server (one node for comparison)" \
      deliveries_per_s "nodes:nodes deliveries_per_s:deliveries/s_at_p99<=${S6_P99_BOUND_MS}ms p50_ms:p50_ms p99_ms:p99_ms peak_deliveries_per_s:peak_error-free_deliveries/s peak_p99_ms:p99_at_peak_ms limit:stopped_by error:error" \
      "" "$S6_ROWS" house-starter-redis
    cost_table s6 "S6 cost: both nodes and redis-server together per delivery (one node alone for comparison)" "$S6_ROWS" \
      house-starter-redis
  fi
  if [[ "$SCENARIO" == all || "$SCENARIO" == s1tls ]]; then
    table s1tls-keepalive "S1 over TLS: hello, wrk 64 keep-alive HTTPS connections (${S1_SECONDS}s)" rps \
      "rps:req/s p99_ms:p99_ms errors:errors non2xx:non-2xx" s1-keepalive
  fi
  if [[ "$SCENARIO" == all || "$SCENARIO" == s2tls ]]; then s2_tables s2tls "S2 over TLS: fan-out" s2; s2_cost_tables s2tls "S2 over TLS: cost"; fi
  if [[ "$SCENARIO" == all || "$SCENARIO" == s7 ]]; then s7_tables; fi
  if [[ "$SCENARIO" == all || "$SCENARIO" == h2 || "$SCENARIO" == s1h2 ]]; then
    table s1h2 "S1 over HTTP/2 (h2c, prior knowledge): hello, h2load 64 clients x 16 streams (${S1_SECONDS}s)" rps \
      "rps:req/s mean_ms:mean_ms max_ms:max_ms failed:failed errored:errored protocol:protocol"
  fi
  if [[ "$SCENARIO" == all || "$SCENARIO" == h2 || "$SCENARIO" == s1h2tls ]]; then
    table s1h2tls "S1 over HTTP/2 and TLS (ALPN h2): hello, h2load 64 clients x 16 streams ($S1H2_TLS_REQUESTS requests)" rps \
      "rps:req/s mean_ms:mean_ms max_ms:max_ms failed:failed errored:errored protocol:protocol" s1h2
  fi
  if [[ "$SCENARIO" == all || "$SCENARIO" == h2 || "$SCENARIO" == s2h2 ]]; then
    table s2h2 "S2 over HTTP/2: $S2H2_COUNT subscribers on one room, $H2_STREAMS streams per h2c connection" deliveries_per_s \
      "deliveries_per_s:deliveries/s_at_p99<=${S2H2_P99_BOUND_MS}ms p50_ms:p50_ms p99_ms:p99_ms peak_deliveries_per_s:peak_error-free_deliveries/s peak_p99_ms:p99_at_peak_ms limit:stopped_by error:error"
    cost_table s2h2 "S2 over HTTP/2, cost: server CPU and write syscalls per delivery at the highest rate every server ran without error"
  fi
  if [[ "$SCENARIO" == all || "$SCENARIO" == h2 || "$SCENARIO" == s3h2 ]]; then
    table s3h2 "S3 over HTTP/2: $S3H2_COUNT idle streams, $H2_STREAMS per h2c connection (heap and RSS per stream)" heap_per_conn_bytes \
      "ready:ready held:held heap_per_conn_bytes:heap_B/stream rss_per_conn_bytes:RSS_B/stream heap_mib:heap_MiB rss_mib:RSS_MiB first_failure:first_failure"
  fi
  if [[ -s "$OUT/jmh.txt" && ( "$SCENARIO" == all || "$SCENARIO" == jmh ) ]]; then
    echo
    echo "#### JMH microbenchmarks (house alone; \`bytes\`, \`events\` and \`deliveries\` rows are per second despite the ops/s unit)"
    echo
    echo '```'
    sed -n '/^Benchmark /,$p' "$OUT/jmh.txt"
    echo '```'
  fi
}

# JMH: house's request parser (bytes/s over realistic requests) and SSE encoding + fan-out to
# 10,000 in-memory subscribers. House alone: there is nothing comparable to run on the peers.
jmh() {
  echo "== jmh" >&2
  if ! taskset -c "$SERVER_CPUS,$LOAD_CPUS" "$JAVA" -cp "$BENCH/load/target/bench-load.jar:$BENCH/load/target/lib/*" \
    org.openjdk.jmh.Main "${JMH_OPTS[@]}" 'dev.house.bench.micro.*' >"$OUT/jmh.txt" 2>&1; then
    echo "  JMH failed; see $OUT/jmh.txt" >&2
    FAILURES=$((FAILURES + 1))
  fi
}

# ---- main --------------------------------------------------------------------------------------

command -v wrk >/dev/null || { echo "wrk is required: apt-get install -y wrk" >&2; exit 1; }
command -v taskset >/dev/null || { echo "taskset is required (util-linux)" >&2; exit 1; }
command -v h2load >/dev/null || { echo "h2load is required: apt-get install -y nghttp2-client" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

if [[ "$SCENARIO" == report ]]; then
  # the tables of the results already in bench/target/results (e.g. after several BENCH_APPEND runs)
  SCENARIO=all
  report | tee "$OUT/report.md"
  exit 0
fi

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  echo "building: mvn -q -B -Pbench -DskipTests package" >&2
  (cd "$ROOT" && mvn -q -B -Pbench -DskipTests package)
fi
mkdir -p "$OUT"
make_keystore
# BENCH_APPEND=1 adds to the last run's results (e.g. one more server) instead of starting afresh.
[[ "${BENCH_APPEND:-0}" == 1 ]] || : >"$RESULTS"

case "$SCENARIO" in
  all) SCENARIOS=(s1 s2 s3 s4 s5 s7 s8 s1tls s2tls s1h2 s2h2 s3h2 s1h2tls) ;;
  h2) SCENARIOS=(s1h2 s2h2 s3h2 s1h2tls) ;;
  jmh | s6) SCENARIOS=() ;; # not per server
  *) SCENARIOS=("$SCENARIO") ;;
esac
[[ "${BENCH_APPEND:-0}" == 1 && "$SCENARIO" != all && "$SCENARIO" != jmh ]] || rm -f "$OUT/jmh.txt"

if (( ${#SCENARIOS[@]} == 0 )); then
  : # JMH or S6 only
elif (( QUICK )); then
  # one start per server (and per protocol: the TLS scenarios need it started with the key) keeps
  # the smoke test short
  plain=() tls=() h2=() h2tls=()
  for s in "${SCENARIOS[@]}"; do
    if h2_scenario "$s"; then
      if tls_scenario "$s"; then h2tls+=("$s"); else h2+=("$s"); fi
    elif tls_scenario "$s"; then tls+=("$s"); else plain+=("$s"); fi
  done
  for server in "${SERVERS[@]}"; do
    (( ${#plain[@]} == 0 )) || run_on_server "$server" "${plain[@]}"
    (( ${#tls[@]} == 0 )) || run_on_server "$server" "${tls[@]}"
    (( ${#h2[@]} == 0 )) || run_on_server "$server" "${h2[@]}"
    (( ${#h2tls[@]} == 0 )) || run_on_server "$server" "${h2tls[@]}"
  done
else
  # a fresh server per scenario, and the servers of one scenario measured back to back, so they
  # share the same background noise as far as possible
  for s in "${SCENARIOS[@]}"; do
    for server in "${SERVERS[@]}"; do run_on_server "$server" "$s"; done
  done
fi

if [[ "$SCENARIO" == all || "$SCENARIO" == s6 ]]; then s6; fi
if [[ "$SCENARIO" == all || "$SCENARIO" == jmh ]]; then jmh; fi

report | tee "$OUT/report.md"
if (( FAILURES > 0 )); then
  echo "$FAILURES run(s) failed; see $OUT" >&2
  exit 1
fi
