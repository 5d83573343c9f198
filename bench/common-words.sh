#!/usr/bin/env bash
# Writes the single words that 5 to 10% of the posts contain (a search for one of them matches 50,000 to 100,000 of
# 1M posts), counted over the first 200,000 posts of an import file, most common first, for search.lua:
#   bench/common-words.sh POSTS.jsonl > bench/common.txt
set -euo pipefail
head -n 200000 "$1" | grep -o '"text":"[^"]*"' | sed 's/"text":"//; s/"$//' \
  | awk '{ delete seen; n = split(tolower($0), w, /[^[:alnum:]]+/)
           for (i = 1; i <= n; i++) if (length(w[i]) > 0 && !(w[i] in seen)) { seen[w[i]] = 1; posts[w[i]]++ }; lines++ }
         END { for (word in posts) if (posts[word] >= 0.05 * lines && posts[word] <= 0.10 * lines) print posts[word], word }' \
  | sort -rn | awk '{ print $2 }'
