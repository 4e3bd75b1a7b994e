# Sourced by the benches. The gateway's code is large: long after start-up the JIT's C2 compiler
# may still be compiling it (on a slow 2-core machine, for minutes, single compilations of 0.3–0.8 s),
# and a measurement taken meanwhile counts the compiler's CPU and its competition for the cores as
# the gateway's.

# CPU time (user + system, µs) the C2 compiler threads of process $1 have used so far.
c2_cpu_us() {
  local total=0 t
  for t in /proc/"$1"/task/*; do
    [[ $(cat "$t/comm" 2>/dev/null) == C2* ]] || continue
    total=$((total + $(sed 's/^.*) //' "$t/stat" 2>/dev/null | awk '{print $12 + $13}')))
  done
  echo $((total * 1000000 / $(getconf CLK_TCK)))
}

# Whether C2 used under 2 % of a core over a round: $1 = its CPU µs then, $2 = the round's seconds.
c2_quiet() {
  (($1 < $2 * 20000))
}
