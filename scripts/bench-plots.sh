#!/usr/bin/env bash
# Renders the benchmark figures in docs/bench-results/*.csv to docs/img/bench-<name>.svg with
# gnuplot, for docs/benchmarks.md. The SVGs are committed (CI does not render them), so re-run this
# after changing a CSV and commit both.
#
#   scripts/bench-plots.sh                              render every plot
#   scripts/bench-plots.sh --append-e2e FILE LABEL      append the RESULT lines of
#                                                       PipelineBenchmarkHarness output in FILE to
#                                                       docs/bench-results/e2e.csv as run LABEL,
#                                                       then render every plot
#
# Output is deterministic (no timestamps; the same gnuplot gives byte-identical SVGs), so running
# it twice changes nothing. Needs gnuplot (Debian: apt-get install gnuplot-nox).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RESULTS="$ROOT/docs/bench-results"
IMG="$ROOT/docs/img"

die() {
    echo "bench-plots.sh: $*" >&2
    exit 2
}

# One e2e.csv row per "RESULT key=value ..." line, in e2e.csv's units (s, MB, B per series).
append_e2e() {
    local file=$1 label=$2
    [[ -r $file ]] || die "cannot read $file"
    [[ $label =~ ^[A-Za-z0-9._:+-]+$ ]] || die "label must be letters, digits or ._:+- (no commas or spaces), got '$label'"
    local rows
    rows=$(awk -v run="$label" '
        $1 == "RESULT" {
            delete kv
            for (i = 2; i <= NF; i++) {
                eq = index($i, "=")
                if (eq > 0) kv[substr($i, 1, eq - 1)] = substr($i, eq + 1)
            }
            n = split("rules fleetCountSeries series parallelism samples_per_s samples_per_s_per_core latency_p50_ms latency_p99_ms checkpoint_state_bytes checkpoint_duration_ms checkpoint_duration_avg_ms checkpoint_duration_max_ms state_bytes_per_series", need, " ")
            for (i = 1; i <= n; i++) {
                if (!(need[i] in kv)) {
                    printf "RESULT line %d has no %s\n", NR, need[i] > "/dev/stderr"
                    exit 3
                }
            }
            printf "%s,%d,%s,%d,%d,%.0f,%.0f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.0f\n", run,
                kv["rules"], (kv["fleetCountSeries"] == "true" ? "yes" : "no"),
                kv["series"], kv["parallelism"], kv["samples_per_s"], kv["samples_per_s_per_core"],
                kv["latency_p50_ms"] / 1000, kv["latency_p99_ms"] / 1000,
                kv["checkpoint_state_bytes"] / 1e6, kv["checkpoint_duration_ms"] / 1000,
                kv["checkpoint_duration_avg_ms"] / 1000, kv["checkpoint_duration_max_ms"] / 1000,
                kv["state_bytes_per_series"]
        }' "$file") || die "bad RESULT line in $file"
    [[ -n $rows ]] || die "no 'RESULT ' lines in $file"
    printf '%s\n' "$rows" >>"$RESULTS/e2e.csv"
    echo "appended $(printf '%s\n' "$rows" | wc -l) row(s) to docs/bench-results/e2e.csv as run $label"
}

case "${1:-}" in
    --append-e2e)
        [[ $# -eq 3 ]] || die "usage: $0 --append-e2e FILE-WITH-RESULT-LINES LABEL"
        append_e2e "$2" "$3"
        ;;
    "") ;;
    -h | --help)
        sed -n '2,13p' "$0"
        exit 0
        ;;
    *) die "unknown argument '$1' (usage: $0 [--append-e2e FILE LABEL])" ;;
esac

command -v gnuplot >/dev/null 2>&1 ||
    die "gnuplot not found on PATH; install it (Debian: apt-get install gnuplot-nox) and re-run"
mkdir -p "$IMG"

rows() { # data rows of a CSV (without its header)
    echo $(($(grep -c . "$RESULTS/$1.csv") - 1))
}

# Settings every plot shares; $1 = width, $2 = height, $3 = name.
preamble() {
    cat <<EOF
set terminal svg size $1,$2 fixed noenhanced font "sans,11" background "white"
set output "$IMG/bench-$3.svg"
set datafile separator ","
set datafile missing ""
set style fill solid 0.85 border -1
set grid ytics lc rgb "#dddddd"
set border 3
set xtics nomirror scale 0
set ytics nomirror
set key top left opaque box lc rgb "#cccccc"
set bmargin 6
set offsets 0, 0, graph 0.15, 0
set linetype 1 lc rgb "#4e79a7"
set linetype 2 lc rgb "#f28e2b"
set linetype 3 lc rgb "#59a14f"
set linetype 4 lc rgb "#b07aa1"
set linetype 5 lc rgb "#76b7b2"
set linetype 6 lc rgb "#9c755f"
TARGET = "#d62728"
EOF
}

render() { # $1 = name; gnuplot commands on stdin after the preamble
    local name=$1 width=$2 height=$3
    [[ -f $RESULTS/$name.csv ]] || die "missing $RESULTS/$name.csv"
    { preamble "$width" "$height" "$name"; cat; } | gnuplot ||
        die "gnuplot failed on $name.csv"
    echo "rendered docs/img/bench-$name.svg"
}

N=$(rows e2e)
render e2e 1200 500 <<EOF
F = "$RESULTS/e2e.csv"
set multiplot layout 1,3 title "End-to-end job (PipelineBenchmarkHarness), 100k series, parallelism 2, 2 shared cores"
set xrange [-0.6:$N-0.4]
set bmargin 7
set xlabel "rules / fleet-wide count_series? / run" offset 0,-1.5
set offsets 0, 0, graph 0.2, 0
set key top center horizontal
label(r) = strcol(2)."\n".strcol(3)."\n".strcol(1)
colour(r) = (column(2) == 10 ? 1 : 2)
set title "throughput (log scale)"
set ylabel "samples/s"
set logscale y
set yrange [1000:1e7]
set format y "%.0s%c"
set boxwidth 0.7
plot F skip 1 using 0:6:(colour(0)):xticlabels(label(0)) with boxes lc variable notitle, \
     NaN with boxes lt 1 title "10 rules", NaN with boxes lt 2 title "5,000 rules", \
     1e6 with lines dt 2 lw 2 lc rgb TARGET title "target 1 M"
unset logscale y
set format y "%g"
set title "window end -> sink latency"
set ylabel "seconds"
set yrange [0:*]
set boxwidth 0.35
plot F skip 1 using (\$0-0.18):8:xticlabels(label(0)) with boxes lt 3 title "p50", \
     F skip 1 using (\$0+0.18):9 with boxes lt 4 title "p99"
set title "state per input series (full checkpoint / series)"
set ylabel "bytes"
set yrange [0:*]
set boxwidth 0.7
plot F skip 1 using 0:14:(colour(0)):xticlabels(label(0)) with boxes lc variable notitle, \
     NaN with boxes lt 1 title "10 rules", NaN with boxes lt 2 title "5,000 rules", \
     200 with lines dt 2 lw 2 lc rgb TARGET title "target 200 B"
unset multiplot
EOF

N=$(rows lineprotocol)
render lineprotocol 1000 480 <<EOF
set bmargin 5
set xtics font ",10"
set key top right
F = "$RESULTS/lineprotocol.csv"
set title "Line-protocol parser, one core (JMH score with its 99.9% error; CPU-time range as a band)"
set ylabel "lines/s"
set xrange [-0.6:$N-0.4]
set yrange [0:3.5e6]
set format y "%.1s%c"
set boxwidth 0.6
plot F skip 1 using 0:3:xticlabels(strcol(2)."\n".strcol(1)) with boxes lt 1 title "JMH score", \
     F skip 1 using 0:(\$3-\$4):(0):(2*\$4) with vectors heads size screen 0.006,90 lc rgb "black" notitle, \
     F skip 1 using 0:((\$5+\$6)/2):(0.3):((\$6-\$5)/2) with boxxyerror fs transparent solid 0.5 lt 3 title "range (rounds or iterations)", \
     3e6 with lines dt 2 lw 2 lc rgb TARGET title "target 3 M lines/s"
EOF

N=$(rows graphite)
render graphite 800 420 <<EOF
F = "$RESULTS/graphite.csv"
set title "Graphite parser, one core (error bars: run A's iteration range)"
set key top right
set ylabel "lines/s"
set xrange [-0.6:$N+0.4]
set yrange [0:*]
set format y "%.1s%c"
set boxwidth 0.7
gap(r) = (strcol(1) eq "A" ? 0 : 1)
plot F skip 1 using (\$0+gap(0)):4:(gap(0)+1):xticlabels(strcol(2)." cache\n".strcol(3)."\nrun ".strcol(1)) with boxes lc variable notitle, \
     F skip 1 using (\$0+gap(0)):5:(0):(\$6-\$5) with vectors heads size screen 0.006,90 lc rgb "black" notitle, \
     NaN with boxes lt 1 title "run A (load ~8)", NaN with boxes lt 2 title "run B (load ~12.5)"
EOF

N=$(rows remotewrite-parser)
render remotewrite-parser 560 380 <<EOF
F = "$RESULTS/remotewrite-parser.csv"
set title "Remote-write request parser, one core"
set ylabel "samples/s"
set xrange [-0.6:$N-0.4]
set yrange [0:*]
set format y "%.1s%c"
set boxwidth 0.6
set key top right
plot F skip 1 using 0:3:xticlabels(strcol(2)."\nrun ".strcol(1)) with boxes lt 1 notitle, \
     F skip 1 using 0:4:(0):(\$5-\$4) with vectors heads size screen 0.006,90 lc rgb "black" title "iteration range"
EOF

render rule-matching 1100 480 <<EOF
F = "$RESULTS/rule-matching.csv"
set title "Rule matching: ns per sample by rule count (log scale; error bars: JMH 99.9%, cut at 1 ns)"
set ylabel "ns per sample"
set logscale y
set yrange [1:2e6]
set boxwidth 0.8
set bmargin 6
set format y "%.0s%c"
set xtics font ",10"
# A gap before each new (method, rules) group; its label goes under its middle bar (run B), or
# under run A where only A was measured (bruteForce).
g = 0; prev = ""
x(r) = (key = strcol(2)." ".strcol(3), g = g + (key ne prev && prev ne "" ? 1 : 0), prev = key, \$0 + g)
middle(r) = (strcol(1) eq "B" || strcol(2) eq "bruteForce")
run(r) = (strcol(1) eq "A" ? 1 : strcol(1) eq "B" ? 2 : 3)
plot F skip 1 using (x(0)):4:(run(0)):xticlabels(middle(0) ? strcol(1)."\n".strcol(2)."\n".strcol(3)." rules" : strcol(1)) with boxes lc variable notitle, \
     g = 0, prev = "", \
     F skip 1 using (x(0)):(lo = (\$4-\$5 < 1 ? 1 : \$4-\$5), lo):(0):(\$4+\$5-lo) with vectors heads size screen 0.006,90 lc rgb "black" notitle, \
     NaN with boxes lt 1 title "run A", NaN with boxes lt 2 title "run B (-prof gc)", NaN with boxes lt 3 title "run C (-f 2)"
EOF

N=$(rows aggregators)
render aggregators 1000 460 <<EOF
F = "$RESULTS/aggregators.csv"
set title "Aggregators: ns per add (one sample) and per merge of a 1,000-sample state (log scale)"
set ylabel "ns per operation"
set logscale y
set yrange [1:2e5]
set xrange [-0.6:$N-0.4]
set xtics rotate by -25
set boxwidth 0.36
plot F skip 1 using (\$0-0.19):2:xticlabels(1) with boxes lt 1 title "add per sample", \
     F skip 1 using (\$0+0.19):3 with boxes lt 2 title "merge one 1,000-sample state"
EOF

N=$(rows direct-source)
render direct-source 700 400 <<EOF
F = "$RESULTS/direct-source.csv"
set title "Direct source into a discarding sink, 2 shared cores (per JMH iteration)"
set key top right
set ylabel "samples/s"
set xrange [-0.6:$N+0.4]
set yrange [0:*]
set format y "%.1s%c"
set boxwidth 0.7
gap(r) = (strcol(1) eq "TCP line protocol" ? 0 : 1)
plot F skip 1 using (\$0+gap(0)):3:(gap(0)+1):xticlabels("iteration ".strcol(2)) with boxes lc variable notitle, \
     NaN with boxes lt 1 title "TCP line protocol", NaN with boxes lt 2 title "HTTP /write"
EOF

N=$(rows remotewrite-encode)
render remotewrite-encode 560 380 <<EOF
F = "$RESULTS/remotewrite-encode.csv"
set title "Remote-write encode + snappy, one thread (per JMH iteration)"
unset key
set ylabel "samples/s"
set xrange [-0.6:$N-0.4]
set yrange [0:*]
set format y "%.1s%c"
set boxwidth 0.6
plot F skip 1 using 0:3:xticlabels("iteration ".strcol(2)) with boxes lt 1 notitle
EOF

N=$(rows remotewrite-prometheus)
render remotewrite-prometheus 800 420 <<EOF
F = "$RESULTS/remotewrite-prometheus.csv"
set title "Remote-write into a local Prometheus 2.42, one writer (1,000 series)"
unset key
set ylabel "samples/s"
set xrange [-0.6:$N-0.4]
set yrange [0:*]
set format y "%.0s%c"
set boxwidth 0.6
plot F skip 1 using 0:6:xticlabels(sprintf("%dk samples\nbatch %d\n%d in flight\nrun %d", \$2/1000, \$3, \$4, \$5)) with boxes lt 1 notitle
EOF
