"""The same hook called in-process by a plain Python loop: the floor any host can reach."""
import json
import statistics
import sys
import time

sys.path.insert(0, sys.argv[1])
from main import Plugin  # noqa: E402

args = json.loads(sys.argv[2])
times = []
for _ in range(int(sys.argv[3])):
    start = time.perf_counter()
    json.loads(json.dumps(Plugin("").authorize(**args)))
    times.append((time.perf_counter() - start) * 1000)
times.sort()
print(json.dumps({"median": statistics.median(times), "p95": times[int(len(times) * 0.95)]}))
