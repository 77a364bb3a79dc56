"""A real SMTP server for the API tests: aiosmtpd (pinned in
quality/requirements.txt) on loopback.

Prints "PORT <n>" once listening, then one JSON line per accepted message:
{"mail_from", "rcpt_tos", "data"}. Options: --fail N answers the first N
DATA commands with 451 (a temporary failure, as a relay that is busy);
--stall makes DATA never answer (a relay that hangs).
"""

import argparse
import asyncio
import json
import socket
import sys

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, fail, stall):
        self.fail = fail
        self.stall = stall

    async def handle_DATA(self, server, session, envelope):
        if self.stall:
            await asyncio.sleep(3600)
        if self.fail > 0:
            self.fail -= 1
            print(json.dumps({"refused": True}), flush=True)
            return "451 4.3.0 Try again later"
        print(
            json.dumps(
                {
                    "mail_from": envelope.mail_from,
                    "rcpt_tos": envelope.rcpt_tos,
                    "data": envelope.original_content.decode("utf-8", "replace"),
                }
            ),
            flush=True,
        )
        return "250 2.0.0 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fail", type=int, default=0)
    parser.add_argument("--stall", action="store_true")
    args = parser.parse_args()
    port = free_port()
    controller = Controller(
        Handler(args.fail, args.stall), hostname="127.0.0.1", port=port
    )
    controller.start()
    print(f"PORT {port}", flush=True)
    try:
        sys.stdin.read()  # until the test ends (its pipe closes)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
