"""Reads schemathesis' ndjson report: requests sent, checks run and failed,
and the statuses each operation answered. Prints a table, then one line
`REQUESTS CHECKS FAILED_CHECKS OPERATIONS FAILED_OPERATIONS` for the script.

    python quality/summarize.py REPORT.ndjson
"""

import collections
import json
import sys


def main(path):
    statuses = collections.defaultdict(collections.Counter)
    failed_ops = set()
    requests = checks = failed_checks = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            event = json.loads(line)
            done = event.get("ScenarioFinished")
            if not done or done.get("status") == "skip":
                continue
            recorder = done["recorder"]
            label = recorder["label"]
            for interaction in recorder.get("interactions", {}).values():
                response = interaction.get("response")
                requests += 1
                statuses[label][response["status_code"] if response else "no response"] += 1
            for case_checks in recorder.get("checks", {}).values():
                for check in case_checks:
                    checks += 1
                    if check["status"] == "failure":
                        failed_checks += 1
                        failed_ops.add(label)
    for label in sorted(statuses):
        counts = ", ".join(f"{s}: {n}" for s, n in sorted(statuses[label].items(), key=str))
        mark = "FAILED " if label in failed_ops else ""
        print(f"  {mark}{label:<58} {counts}")
    print(requests, checks, failed_checks, len(statuses), len(failed_ops))


if __name__ == "__main__":
    main(sys.argv[1])
