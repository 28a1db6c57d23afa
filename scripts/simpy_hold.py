#!/usr/bin/env python3
"""The hold model in SimPy, for `make bench-peers`: PROCS processes each loop
`yield env.timeout(expovariate(1.0))` until EVENTS timeouts have been processed
(the same work as `datamarket bench kernel`'s hold-1000). Prints one line:
`simpy,hold-1000,<events>,<cpu_s>,<events_per_s>` using process CPU time."""
import random
import sys
import time

import simpy


def main():
    procs = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    events = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000_000
    expo = random.Random(42).expovariate
    count = 0
    env = simpy.Environment()

    def proc(env):
        nonlocal count
        timeout = env.timeout
        while count < events:
            count += 1
            yield timeout(expo(1.0))

    t0 = time.process_time()
    for _ in range(procs):
        env.process(proc(env))
    env.run()
    cpu = time.process_time() - t0
    print(f"simpy {simpy.__version__},hold-{procs},{count},{cpu:.4f},{count / cpu:.0f}")


if __name__ == "__main__":
    main()
