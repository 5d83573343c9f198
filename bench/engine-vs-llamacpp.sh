#!/usr/bin/env bash
# Compares the engine with llama.cpp on the same random-weight 100M llama models (Q8_0, Q4_0, Q4_K and Q6_K), in one
# run: llama-bench and `colossus bench` alternate, several rounds each, same thread count, and the medians over the
# rounds are reported (each tool's figure for a round is itself the median of its repetitions) with their ratios,
# the engine's peak RSS against its budget (model file + KV cache + 150 MB), and the total decode speed of 1
# versus 4 concurrent generations. The CPU, the JVM's vector width and the load average before and after go with
# the table: on a shared machine only ratios from the same run mean anything.
#
#   bench/engine-vs-llamacpp.sh LLAMA_CPP_BUILD_DIR [ROUNDS] [THREADS]
#
# LLAMA_CPP_BUILD_DIR is a CMake build directory of llama.cpp that holds bin/llama-bench (built elsewhere; nothing
# of llama.cpp is part of this repository). Models and raw results go to ${BENCH_DIR:-./target/bench}.
# Environment: TYPES (default "Q8_0 Q4_0 Q4_K Q6_K"), CONCURRENCY=0 to skip the concurrent runs, COLOSSUS_JAVA_OPTS
# for the engine's JVM (e.g. -XX:MaxVectorSize=16 for 128-bit vectors, as on ARM NEON), COLOSSUS for another
# launcher than ./colossus.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
llama_bench="${1:?usage: $0 LLAMA_CPP_BUILD_DIR [ROUNDS] [THREADS]}/bin/llama-bench"
rounds="${2:-5}"
threads="${3:-2}"
types=(${TYPES:-Q8_0 Q4_0 Q4_K Q6_K})
colossus="${COLOSSUS:-$root/colossus}"
out="${BENCH_DIR:-$root/target/bench}"
[[ -x "$llama_bench" ]] || { echo "no llama-bench at $llama_bench" >&2; exit 1; }
mkdir -p "$out"
raw="$out/results.jsonl"
: > "$raw"

# the vector width the engine's JVM reports (its kernels are chosen from it)
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
cat > "$out/VectorBits.java" <<'JAVA'
public class VectorBits {
    public static void main(String[] args) {
        System.out.println(jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize());
    }
}
JAVA
vector_bits="$("$java" --add-modules jdk.incubator.vector ${COLOSSUS_JAVA_OPTS:-} "$out/VectorBits.java" 2>/dev/null || echo '?')"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

for type in "${types[@]}"; do
  model="$out/100m-$type.gguf"
  [[ -f "$model" ]] || "$colossus" bench --make-model 100m --type "$type" --out "$model" 2>/dev/null
done

for ((round = 1; round <= rounds; round++)); do
  for type in "${types[@]}"; do
    model="$out/100m-$type.gguf"
    echo "round $round/$rounds: $type llama.cpp" >&2
    "$llama_bench" -m "$model" -p 64 -n 64 -t "$threads" -o json 2>/dev/null \
      | jq -c --arg type "$type" --argjson round "$round" '
          def median: sort | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
          {who: "llama.cpp", type: $type, round: $round,
           pp: (map(select(.n_prompt > 0)) | .[0].samples_ts | median),
           tg: (map(select(.n_gen > 0)) | .[0].samples_ts | median)}' >> "$raw"
    echo "round $round/$rounds: $type engine" >&2
    "$colossus" bench --model "$model" --prompt-tokens 64 --gen-tokens 64 --threads "$threads" --json 2>/dev/null \
      | jq -c --arg type "$type" --argjson round "$round" \
          '{who: "engine", type: $type, round: $round, pp: .pp_tokens_per_s, tg: .tg_tokens_per_s,
            rss: .peak_rss_bytes, budget: (.model_bytes + .kv_cache_bytes + 150000000)}' >> "$raw"
  done
  [[ "${CONCURRENCY:-1}" == 0 ]] && continue
  for n in 1 4; do
    echo "round $round/$rounds: engine, $n concurrent" >&2
    "$colossus" bench --model "$out/100m-Q8_0.gguf" --prompt-tokens 64 --gen-tokens 64 --threads "$threads" \
        --concurrent "$n" --repetitions 2 --warmup 1 --json 2>/dev/null \
      | jq -c --argjson round "$round" \
          '{who: "engine", type: "Q8_0", concurrent: .concurrent, round: $round, tg: .tg_tokens_per_s,
            rss: .peak_rss_bytes, budget: (.model_bytes + .kv_cache_bytes + 150000000)}' >> "$raw"
  done
done

# medians over the rounds, and the ratios the engine is judged by
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(grep -o -w -m1 'avx512f\|avx2' /proc/cpuinfo | sort -u | tail -1 || true)"
jq -s -r --arg threads "$threads" --arg rounds "$rounds" --arg cpu "$cpu" --arg bits "$vector_bits" \
  --arg load "$load_before -> $(cut -d' ' -f1-3 /proc/loadavg)" --arg types "${types[*]}" '
  def median: sort | if length == 0 then null elif length % 2 == 1 then .[length / 2 | floor]
                     else (.[length / 2 - 1] + .[length / 2]) / 2 end;
  def med(who; type; f): [.[] | select(.who == who and .type == type and (.concurrent == null)) | f] | median;
  def conc(n): [.[] | select(.concurrent == n) | .tg] | median;
  def r2: (. * 100 | round) / 100;
  . as $all
  | "\($cpu); engine vectors \($bits) bits; load average \($load); threads \($threads), \($rounds) rounds, medians (tokens/s)",
    "| model | llama.cpp pp64 | engine pp64 | pp ratio | llama.cpp tg64 | engine tg64 | tg ratio | engine peak RSS | budget |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ( ($types | split(" "))[] as $t
      | ($all | med("llama.cpp"; $t; .pp)) as $lp | ($all | med("engine"; $t; .pp)) as $ep
      | ($all | med("llama.cpp"; $t; .tg)) as $lt | ($all | med("engine"; $t; .tg)) as $et
      | ($all | med("engine"; $t; .rss)) as $rss | ($all | med("engine"; $t; .budget)) as $budget
      | "| 100m \($t) | \($lp | r2) | \($ep | r2) | \($ep / $lp | r2) | \($lt | r2) | \($et | r2) | \($et / $lt | r2) | \($rss / 1e6 | round) MB | \($budget / 1e6 | round) MB |" ),
    ( select(any($all[]; .concurrent != null)) | "",
    "engine, 100m Q8_0, total decode tokens/s: 1 generation \(conc(1) | r2), 4 concurrent \(conc(4) | r2) (x\(conc(4) / conc(1) | r2))",
    "engine peak RSS with 4 concurrent: \([$all[] | select(.concurrent == 4) | .rss] | median / 1e6 | round) MB (budget \([$all[] | select(.concurrent == 4) | .budget] | median / 1e6 | round) MB)" )
' "$raw"
