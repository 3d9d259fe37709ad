"""`make bench` (second part): the time of N replicates of a run against the time of one.

A benchmark, not a test: in each round it runs london-2013 for 28 days once in this process, then
the same spec on N seeds through the replicates executor (local processes, one per core), and
prints both times, the ratio (median, and its spread over the rounds) against the target: ten replicates in no more than about 5.5 times one run on a 2-core
machine, both cores busy. It never fails a build.
"""

import argparse
import os
import statistics
import time

from .replicates import Executor, RunTask, replicate_specs, run_report, run_reports
from .spec import RunSpec

TARGET_RATIO = 5.5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", dest="scenario_ref", default="london-2013")
    parser.add_argument("--days", type=int, default=28)
    parser.add_argument("--replicates", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2, help="one run, then the replicates, this many times over")
    parser.add_argument("--workers", type=int, default=None, help="local processes (default: one per core)")
    args = parser.parse_args()
    spec = RunSpec(args.scenario_ref, days=args.days)
    scenario = spec.load_scenario()
    tasks = [RunTask(scenario, seeded) for seeded in replicate_specs(spec, args.replicates)]
    executor = Executor(workers=args.workers)
    ones, manys = [], []
    for n in range(1, args.rounds + 1):
        ones.append(_timed(lambda: run_report(RunTask(scenario, spec))))
        manys.append(_timed(lambda: run_reports(tasks, executor)))
        print(f"  round {n}: one run {ones[-1]:.1f} s; {args.replicates} replicates {manys[-1]:.1f} s "
              f"= {manys[-1] / ones[-1]:.2f} x", flush=True)
    ratios = [many / one for one, many in zip(ones, manys, strict=True)]
    ratio = statistics.median(ratios)
    print(f"\n{args.scenario_ref}, {args.days} days: one run {statistics.median(ones):.1f} s "
          f"({min(ones):.1f}-{max(ones):.1f}); {args.replicates} replicates on {executor.processes} processes "
          f"({os.cpu_count()} cores) {statistics.median(manys):.1f} s ({min(manys):.1f}-{max(manys):.1f}) "
          f"= {ratio:.2f} x one run (rounds {min(ratios):.2f}-{max(ratios):.2f})")
    load = os.getloadavg()[0]
    print(f"  load average {load:.1f} on {os.cpu_count()} cores at the end"
          + (": other work shared the cores, the figure is not this code's alone" if load > 1.5 * (os.cpu_count() or 1)
             else ""))
    if args.replicates == 10:
        verdict = "meets" if ratio <= TARGET_RATIO else "misses"
        print(f"  {verdict} the target of about {TARGET_RATIO:g} x one run for ten replicates on 2 cores")


def _timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
