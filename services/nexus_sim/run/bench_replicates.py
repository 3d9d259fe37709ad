"""`make bench` (second part): the time of N replicates of a run against the time of one.

A benchmark, not a test: it runs london-2013 for 28 days once in this process, then the same
spec on N seeds through the replicates executor (local processes, one per core), and prints the
ratio against the target: ten replicates in no more than about 5.5 times one run on a 2-core
machine, both cores busy. It never fails a build.
"""

import argparse
import os
import time

from .replicates import Executor, RunTask, replicate_specs, run_report, run_reports
from .spec import RunSpec

TARGET_RATIO = 5.5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", dest="scenario_ref", default="london-2013")
    parser.add_argument("--days", type=int, default=28)
    parser.add_argument("--replicates", type=int, default=10)
    parser.add_argument("--workers", type=int, default=None, help="local processes (default: one per core)")
    args = parser.parse_args()
    spec = RunSpec(args.scenario_ref, days=args.days)
    scenario = spec.load_scenario()
    started = time.perf_counter()
    run_report(RunTask(scenario, spec))
    one = time.perf_counter() - started
    tasks = [RunTask(scenario, seeded) for seeded in replicate_specs(spec, args.replicates)]
    executor = Executor(workers=args.workers)
    started = time.perf_counter()
    run_reports(tasks, executor)
    many = time.perf_counter() - started
    ratio = many / one
    print(f"\n{args.scenario_ref}, {args.days} days: one run {one:.1f} s; {args.replicates} replicates on "
          f"{executor.processes} processes ({os.cpu_count()} cores) {many:.1f} s = {ratio:.2f} x one run")
    load = os.getloadavg()[0]
    print(f"  load average {load:.1f} on {os.cpu_count()} cores at the end"
          + (": other work shared the cores, the figure is not this code's alone" if load > 1.5 * (os.cpu_count() or 1)
             else ""))
    if args.replicates == 10:
        verdict = "meets" if ratio <= TARGET_RATIO else "misses"
        print(f"  {verdict} the target of about {TARGET_RATIO:g} x one run for ten replicates on 2 cores")


if __name__ == "__main__":
    main()
