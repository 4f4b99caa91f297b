"""The Celery worker of benchmark B4: the real worker, with a short stale-claim timeout.

The outbox re-sends a message whose claim is older than CLAIM_VERLOOPT_NA (10 minutes in
production). A worker killed mid-send leaves such claims behind; the benchmark shortens
the timeout (B4_CLAIM_SECONDEN) so the run finishes in minutes instead of waiting ten.
Nothing else differs from `celery -A werkplaats worker`.
"""

import os
import sys
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkplaats.settings")
django.setup()

from werkplaats.kern import services  # noqa: E402

services.CLAIM_VERLOOPT_NA = timedelta(seconds=int(os.environ.get("B4_CLAIM_SECONDEN", "10")))

from werkplaats.celery import app  # noqa: E402

if __name__ == "__main__":
    app.worker_main(
        [
            "worker",
            "--loglevel=WARNING",
            f"--concurrency={os.environ.get('B4_CONCURRENCY', '3')}",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            *sys.argv[1:],
        ]
    )
