# shellcheck shell=bash
# Functions shared by localnet.sh and kvnet.sh, which source this file.

# toml_set FILE SECTION KEY VALUE sets KEY = VALUE inside [SECTION] of a
# TOML file ("" = top level); it exits if KEY is not there to set.
toml_set() {
	local file=$1 section=$2 key=$3 value=$4
	if [ -z "$section" ]; then
		sed -i "0,/^\[/ s|^$key = .*|$key = $value|" "$file"
	else
		sed -i "/^\[$section\]/,/^\[/ s|^$key = .*|$key = $value|" "$file"
	fi
	grep -q "^$key = $value" "$file" || { echo "could not set $key in $file" >&2; exit 1; }
}
