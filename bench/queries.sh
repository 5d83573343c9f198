#!/usr/bin/env bash
# Writes search queries for search.lua: 500 one-to-three-word queries drawn from the words of an import file's texts,
# mixing common topic words with rare invented ones, as people search. Usage: bench/queries.sh POSTS.jsonl > bench/queries.txt
set -euo pipefail
head -n 20000 "$1" | grep -o '"text":"[^"]*"' | sed 's/"text":"//; s/"$//' | tr -cs '[:alnum:]' '\n' \
  | awk 'length($0) >= 4' | tr '[:upper:]' '[:lower:]' | shuf -n 3000 --random-source=<(yes) \
  | awk 'BEGIN { srand(7) } { w[NR] = $0 } END { for (i = 0; i < 500; i++) { n = 1 + int(rand() * 3); q = w[1 + int(rand() * NR)];
           for (j = 1; j < n; j++) q = q " " w[1 + int(rand() * NR)]; print q } }'
