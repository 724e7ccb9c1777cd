"""Gunicorn configuration of Regioatlas (production, `make serve`, docker-compose and the
live-server tests). Every value can be overridden on the command line or through the
environment variables named below."""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Threads serve requests that mostly wait on PostgreSQL; one process per core keeps the GIL
# from becoming the bottleneck.
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 20))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))
# Recycle workers now and then (with jitter so they do not restart together).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 500))
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
# The longest request line gunicorn takes (its maximum; the API's filters at their longest fit).
limit_request_line = int(os.environ.get("GUNICORN_LIMIT_REQUEST_LINE", 8190))
# Behind a proxy (nginx) that sets X-Forwarded-*; the proxy's address is configured there.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Gunicorn's control socket defaults to one path per user (~/.gunicorn/gunicorn.ctl), shared by
# every gunicorn on the machine (tests, benches, make serve): off unless a path is given.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True


def post_worker_init(worker):
    """Move everything the loaded application holds (modules, URL patterns, settings, model
    metadata: hundreds of thousands of objects) out of the garbage collector's generations.
    Otherwise every full collection walks them again, a few milliseconds in the middle of
    some request (bench/bench_reads.py: about a third of a municipality detail's time)."""
    gc.collect()
    gc.freeze()
