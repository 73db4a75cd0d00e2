#!/usr/bin/env bash
# ferry completion: the scripts load in the real shells and complete what
# the command tree has (bash is the oracle; zsh and fish when installed).
set -euo pipefail
ferry=$1
fail() { echo "FAIL: $*" >&2; exit 1; }

complete_bash() {  # words... -> the candidates bash offers for the last word
  bash -c 'source <("$0" completion bash); COMP_WORDS=("${@}"); COMP_CWORD=$(($# - 1)); _ferry; echo "${COMPREPLY[*]}"' "$ferry" "$@"
}
[ "$(complete_bash ferry sec)" = "secrets" ] || fail "bash: ferry sec -> $(complete_bash ferry sec)"
out=$(complete_bash ferry secrets enc)
[ "$out" = "encrypt" ] || fail "bash: ferry secrets enc -> $out"
out=$(complete_bash ferry plan --ou)
[ "$out" = "--output" ] || fail "bash: ferry plan --ou -> $out"
out=$(complete_bash ferry build --help-all 2>/dev/null || true)
out=$(complete_bash ferry completion "")
case " $out " in *" bash "*) fail "completion takes no subcommand: $out" ;; esac

# grep -q would close the pipe early and pipefail would report SIGPIPE: read
# each script whole first.
zsh_script=$("$ferry" completion zsh)
fish_script=$("$ferry" completion fish)
grep -q '^#compdef ferry' <<<"$zsh_script" || fail "zsh script header"
if command -v fish >/dev/null; then
  fish -n <<<"$fish_script" || fail "fish script does not parse"
fi
grep -q "__fish_seen_subcommand_from secrets" <<<"$fish_script" || fail "fish: secrets subcommands"
if "$ferry" completion tcsh 2>/dev/null; then fail "tcsh accepted"; fi
echo "completion: ok"
