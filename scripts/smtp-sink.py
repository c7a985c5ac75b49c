#!/usr/bin/env python3
"""A counting SMTP sink for crash tests: appends each accepted recipient to a file.

usage: smtp-sink.py PORT LOGFILE [DELAY_SECONDS]
DELAY_SECONDS slows each message down so that a kill lands in the middle of a fan-out.
"""
import asyncore  # noqa: deprecated but present in Python 3.11
import smtpd  # noqa
import sys
import time

port, logfile = int(sys.argv[1]), sys.argv[2]
delay = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0


class Sink(smtpd.SMTPServer):
    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        time.sleep(delay)
        with open(logfile, "a") as f:
            for r in rcpttos:
                f.write(r + "\n")
        return None


Sink(("127.0.0.1", port), None)
asyncore.loop()
