"""The DNS benchmark's parts; bench/dns_bench.py is the command that runs them in order.

common     paths, names, errors, logging and subprocess helpers shared by all
setup      Debian packages, the Shoal release build, the C reflector
zonegen    the zone file and the dnsperf query file
dnsclient  a tiny UDP DNS client (readiness polls, answer probes)
procstat   CPU and memory from /proc
servers    starting and stopping NSD, Knot, Shoal and the reflector
dnsperf    one dnsperf run and its parsed output
quiet      waiting for a quiet machine, redoing noisy runs
load       load time and memory
phases     answer probes, throughput, latency
apiload    Shoal's throughput under API changes
rawhttp    the lean keep-alive HTTP client those changes go through
profile    perf record during one more dnsperf run per server, and its analysis
profreport the report's section on where the CPU goes
sysinfo    machine, commit and program versions
report     the Markdown report and console summary
"""
