#!/usr/bin/env bash
# make test-e2e-alone: every end-to-end subtest run on its own, on a fresh
# local consortium, so that none depends on state an earlier one made.
# Each subtest's output lands in E2E_ALONE_OUT/N.log; the summary lists one
# line per subtest and the script fails if any did not pass alone.
#
# Subtests are read from tests/e2e: each t.Run at the top level of a Test
# function (TestLocalConsortium, TestFaults, TestGovernance).
# E2E_ALONE_MATCH, an extended regexp over "TestName<TAB>subtest", picks some:
#   E2E_ALONE_MATCH='^TestFaults' scripts/e2e-alone.sh
set -uo pipefail
cd "$(dirname "$0")/.."
out=${E2E_ALONE_OUT:-build/e2e-alone}
rm -rf "$out" && mkdir -p "$out"

# Prints TestName<TAB>subtest name for each top-level subtest.
subtests() {
	awk '
		/^func Test[A-Za-z0-9_]*\(t \*testing\.T\)/ { top = $2; sub(/\(.*/, "", top); next }
		/^func / { top = "" }
		top != "" && match($0, /^\tt\.Run\("[^"]+"/) {
			name = substr($0, RSTART + 8, RLENGTH - 9)
			print top "\t" name
		}' tests/e2e/*_test.go
}

# The go test -run pattern of one subtest: its name as go test writes it
# (spaces as underscores), regexp characters escaped, anchored at both ends.
pattern() {
	local name=${2// /_}
	name=$(printf '%s' "$name" | sed 's/[][().*+?^$|{}\\]/\\&/g')
	printf '^%s$/^%s$' "$1" "$name"
}

i=0 failed=0
while IFS=$'\t' read -r top name; do
	i=$((i + 1))
	start=$(date +%s)
	go test ${TEST_FLAGS:-} -count=1 -run "$(pattern "$top" "$name")" -v ./tests/e2e >"$out/$i.log" 2>&1
	rc=$?
	ran=$(grep -c '^    --- PASS' "$out/$i.log")
	if [[ $rc -ne 0 || $ran -ne 1 ]]; then
		failed=$((failed + 1))
		verdict=FAIL
	else
		verdict=ok
	fi
	printf '%-4s %3d %4ds  %s/%s\n' "$verdict" "$i" $(($(date +%s) - start)) "$top" "$name"
done < <(subtests | grep -E "${E2E_ALONE_MATCH:-.}")
echo "$i subtests run alone, $failed failed (logs in $out)"
((i > 0 && failed == 0))
