#!/usr/bin/env bash
# Writes yunwang's man pages (yunwang.1, yunwang-check.1, yunwang-policy-test.1, …) into a
# folder, from each command's --help, which swift-argument-parser generates from the same
# declarations as the completions. (Its generate-manual tool builds offline, but drops every
# non-ASCII character, so the Chinese half of every text would be lost: docs/decisions.md.)
# Usage: scripts/man-pages.sh BINARY OUTPUT-DIR
set -euo pipefail
bin=${1:?usage: man-pages.sh BINARY OUTPUT-DIR}
dir=${2:?usage: man-pages.sh BINARY OUTPUT-DIR}
mkdir -p "$dir"
# The version line dates nothing: pages are the same on every build of one version.
version=$("$bin" --version | sed -n 's/^yunwang \([^ ]*\) .*/\1/p')

page() { # command words...
  local name words abstract
  words="yunwang${*:+ $*}"
  name=${words// /-}
  abstract=$("$bin" "$@" --help | sed -n '/^OVERVIEW: /,/^$/p' | sed 's/^OVERVIEW: //' | tr '\n' ' ' | sed 's/ *$//')
  {
    printf '.TH "%s" "1" "" "yunwang %s" "yunwang"\n' "$(echo "$name" | tr '[:lower:]' '[:upper:]')" "$version"
    printf '.SH NAME\n%s \\- %s\n' "$name" "$(echo "$abstract" | sed 's/\\/\\e/g')"
    printf '.SH DESCRIPTION\n.nf\n'
    "$bin" "$@" --help | sed -e 's/\\/\\e/g' -e 's/^\./\\\&./' -e "s/^'/\\\\\&'/"
    printf '.fi\n.SH SEE ALSO\n'
    [[ $# -eq 0 ]] && printf 'yunwang-check(1), yunwang-validate(1), yunwang-report(1), yunwang-site(1)\n' || printf 'yunwang(1)\n'
  } >"$dir/$name.1"
}
page
for command in validate check report site diff policy plan schema init; do page "$command"; done
for command in list show test eval; do page policy "$command"; done
page plan list
