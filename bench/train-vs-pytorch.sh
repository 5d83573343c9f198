#!/usr/bin/env bash
# Compares `colossus train` with PyTorch on the CPU, training the same llama model in the same run: dim 256, 4 layers,
# 8 heads, 8 KV heads, FFN 768, vocab 4096, batch 8 x 256 tokens, RMSNorm, RoPE on adjacent pairs, SwiGLU, untied
# output, AdamW, float32, THREADS threads each. Rounds alternate (PyTorch, Colossus, Colossus over 2 MPI ranks, ...);
# the medians over the rounds are reported with their ratios, and the peak RSS of each (of the largest rank for MPI).
#
#   bench/train-vs-pytorch.sh [ROUNDS] [STEPS] [THREADS]
#
# Both time a whole run of STEPS steps from a loaded model, first steps included: PyTorch, Debian's python3-torch
# (with libopenblas0-openmp) run by /usr/bin/python3 (bench/train_pytorch.py --warmup 0), and Colossus,
# `./colossus train ... --json`, whose tokens/s covers every step, its first (JIT warm-up) step included. "colossus 2 ranks": `mpirun -np 2` with THREADS/2 threads per rank,
# the same global batch. Only an idle machine gives meaningful figures: the load average is printed with the results.
# Tokens per CPU second (the run's tokens over the user + system CPU time of the whole process, of all ranks for
# MPI; start-up, model loading and JIT compilation included) suffer less from other load than tokens/s do, though
# threads that spin while waiting for a descheduled peer still inflate them.
# Raw results go to ${BENCH_DIR:-./target/bench-train}; COLOSSUS names another launcher than ./colossus.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
steps="${2:-10}"
threads="${3:-2}"
out="${BENCH_DIR:-$root/target/bench-train}"
colossus="${COLOSSUS:-$root/colossus}"
python=/usr/bin/python3
[[ -x "$python" ]] && "$python" -c 'import torch' 2>/dev/null \
  || { echo "PyTorch is missing: apt-get install python3-torch libopenblas0-openmp" >&2; exit 1; }
command -v jq >/dev/null || { echo "jq is missing: apt-get install jq" >&2; exit 1; }
mpi=true
command -v mpirun >/dev/null || { mpi=false; echo "mpirun missing: the 2-rank runs are skipped" >&2; }
mkdir -p "$out"
raw="$out/results.jsonl"
: > "$raw"

# The training text for Colossus: pseudo-words from a fixed seed; speed does not depend on the text. PyTorch draws
# random token ids.
corpus="$out/corpus.txt"
[[ -f "$corpus" ]] || "$python" - "$corpus" <<'EOF'
import random, sys
rng = random.Random(7)
syllables = [c + v for c in "bcdfghklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]
words = ["".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))) for _ in range(20000)]
with open(sys.argv[1], "w") as f:
    for _ in range(30000):
        f.write(" ".join(rng.choice(words) for _ in range(rng.randint(5, 15))) + ".\n")
EOF

# The model: made once, untimed, by a one-step run that also trains the tokenizer (4096 tokens) on the text; the
# timed runs continue from it (--from), so they spend no time on the tokenizer.
base="$out/base.gguf"
"$colossus" train --help >/dev/null 2>&1   # builds the jar, when stale, outside the timed runs
[[ -f "$base" ]] || "$colossus" train --vocab 4096 --dim 256 --layers 4 --heads 8 --kv-heads 8 --ffn 768 \
  --context 256 --batch 8 --steps 1 --data "$corpus" --val-fraction 0 --out "$base" 2>/dev/null
train_flags=(--from "$base" --context 256 --batch 8 --data "$corpus" --steps "$steps" --val-fraction 0
  --eval-every "$steps" --json)
peak_rss() { sed -n 's/^peak_rss_kb \([0-9]*\)$/\1/p' "$1" | sort -n | tail -1; }
cpu_s() { awk '$1 == "cpu_s" { s += $2 + $3 } END { print s + 0 }' "$1"; }
timing="peak_rss_kb %M
cpu_s %U %S"
tokens=$((steps * 8 * 256))
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

for ((round = 1; round <= rounds; round++)); do
  echo "round $round/$rounds: PyTorch (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  OMP_NUM_THREADS="$threads" /usr/bin/time -f "$timing" -o "$out/time.txt" \
    "$python" "$root/bench/train_pytorch.py" --steps "$steps" --warmup 0 --threads "$threads" > "$out/pytorch.json"
  jq -c --argjson round "$round" --argjson rss "$(peak_rss "$out/time.txt")" --argjson cpu "$(cpu_s "$out/time.txt")" \
    '{who: "pytorch", round: $round, tokens_per_s, rss: ($rss * 1024), cpu: $cpu}' "$out/pytorch.json" >> "$raw"

  echo "round $round/$rounds: Colossus (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  /usr/bin/time -f "$timing" -o "$out/time.txt" \
    "$colossus" train "${train_flags[@]}" --threads "$threads" --out "$out/colossus.gguf" 2>/dev/null \
    > "$out/colossus.json"
  jq -c --argjson round "$round" --argjson rss "$(peak_rss "$out/time.txt")" --argjson cpu "$(cpu_s "$out/time.txt")" \
    '{who: "colossus", round: $round, tokens_per_s, rss: ($rss * 1024), cpu: $cpu}' "$out/colossus.json" >> "$raw"

  if $mpi; then
    echo "round $round/$rounds: Colossus, 2 MPI ranks (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    # each rank reports its own peak RSS; rank 0 alone prints the JSON result
    mpirun -np 2 --bind-to none --allow-run-as-root \
      /usr/bin/time -f "$timing" -a -o "$out/time-mpi.txt" \
      "$colossus" train "${train_flags[@]}" --threads $((threads > 1 ? threads / 2 : 1)) \
      --out "$out/colossus-mpi.gguf" 2>/dev/null > "$out/colossus-mpi.json"
    jq -c --argjson round "$round" --argjson rss "$(peak_rss "$out/time-mpi.txt")" --argjson cpu "$(cpu_s "$out/time-mpi.txt")" \
      '{who: "colossus 2 ranks", round: $round, tokens_per_s, rss: ($rss * 1024), cpu: $cpu}' "$out/colossus-mpi.json" >> "$raw"
    rm -f "$out/time-mpi.txt"
  fi
done

jq -s -r --arg threads "$threads" --arg rounds "$rounds" --arg steps "$steps" --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
  --argjson tokens "$tokens" '
  def median: sort | if length == 0 then null elif length % 2 == 1 then .[length / 2 | floor]
                     else (.[length / 2 - 1] + .[length / 2]) / 2 end;
  def med(who; f): [.[] | select(.who == who) | f] | median;
  def r2: (. * 100 | round) / 100;
  . as $all
  | ($all | med("pytorch"; .tokens_per_s)) as $p
  | ($all | med("pytorch"; $tokens / .cpu)) as $pc
  | "\($threads) threads, \($steps) steps, \($rounds) rounds, medians; load average at the end: \($load)",
    "| trainer | tokens/s | ratio to PyTorch | tokens per CPU s | ratio | peak RSS |",
    "|---|---:|---:|---:|---:|---:|",
    ( ["pytorch", "colossus", "colossus 2 ranks"][] as $w
      | ($all | med($w; .tokens_per_s)) as $t
      | ($all | med($w; $tokens / .cpu)) as $c
      | select($t != null)
      | "| \($w) | \($t | r2) | \($t / $p | r2) | \($c | r2) | \($c / $pc | r2) | \(($all | med($w; .rss)) / 1e6 | round) MB |" )
' "$raw"
