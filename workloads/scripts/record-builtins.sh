#!/usr/bin/env bash
# Re-records heaplab's built-in recorded workloads with `heaplab record` (heaptrack --raw) into
# workloads/src/main/resources/io/heaplab/workloads/recorded/. Needs heaptrack, gcc (cc1), perl, sort, python3.
# Recordings depend on the machine's libraries and program versions, so a re-recording differs in detail.
# The shipped traces were recorded on Debian 12 (glibc 2.36, GCC 12, perl 5.36, coreutils 9.1, CPython 3.11.7).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/workloads/src/main/resources/io/heaplab/workloads/recorded"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
heaplab() { "$root/heaplab" "$@"; }

# Real CPython binary, not a version-manager shim (heaptrack follows only the process it starts).
py="$(readlink -f "$(python3 -c 'import sys; print(sys.executable)')")"

# 20000 lines of random words (seeded), input of sort, perl and wordfreq.
python3 - <<'PY' > lines.txt
import random
r = random.Random(7)
w = [''.join(r.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(r.randint(3, 12))) for _ in range(2000)]
print('\n'.join(' '.join(r.choice(w) for _ in range(r.randint(1, 8))) for _ in range(20000)))
PY

PYTHONMALLOC=malloc heaplab record -o "$out/python-strings.hltrace.gz" --name python-strings -- \
  "$py" -c "x=[str(i) for i in range(15000)]"
PYTHONMALLOC=malloc heaplab record -o "$out/python-dict.hltrace.gz" --name python-dict -- \
  "$py" -c "d={str(i): [i]*3 for i in range(8000)}
del d"
heaplab record -o "$out/sort-lines.hltrace.gz" --name sort-lines -- sort lines.txt
heaplab record -o "$out/perl-wordcount.hltrace.gz" --name perl-wordcount -- \
  perl -ne 'for (split) {$c{$_}++} END {print scalar(keys %c), "\n"}' lines.txt
src="$root/workloads/src/test/resources/record/wordfreq.c"
gcc -O2 -o wordfreq "$src"
heaplab record -o "$out/c-wordfreq.hltrace.gz" --name c-wordfreq -- ./wordfreq lines.txt
gcc -E "$src" -o wordfreq.i
heaplab record -o "$out/cc1-compile.hltrace.gz" --name cc1-compile -- \
  "$(gcc -print-prog-name=cc1)" -fpreprocessed -quiet -O2 wordfreq.i -o wordfreq.s
