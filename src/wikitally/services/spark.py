"""Apache Spark for dumps: a session (local mode unless spark-submit says otherwise), the ingest's tasks, and
queries over the facts' Parquet. PySpark is imported only here, only when asked for."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from wikitally.errors import SourceError, UsageError

T = TypeVar("T")

_startup_s: float | None = None


def session() -> Any:
    """The running SparkSession, or a new one: under spark-submit its master is the cluster's; alone, local
    mode on every core (WIKITALLY_SPARK_MASTER overrides). Session time zone UTC: the facts' times are UTC."""
    global _startup_s
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise UsageError(
            "--engine spark needs PySpark: pip install 'wikitally[spark]' (and Java 17)"
        ) from None
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    started = time.perf_counter()
    builder = SparkSession.builder.appName("wikitally").config("spark.sql.session.timeZone", "UTC")
    if "PYSPARK_GATEWAY_PORT" not in os.environ:  # not under spark-submit (which sets the master)
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # the workers import wikitally from here
        builder = (
            builder.master(os.environ.get("WIKITALLY_SPARK_MASTER", "local[*]"))
            .config("spark.pyspark.python", sys.executable)  # the workers import wikitally from here
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "4")
        )
    try:
        spark = builder.getOrCreate()
    except Exception as e:  # Java missing or failing: one line, not a JVM trace
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise UsageError(
            f"Spark could not start ({first}); --engine spark needs Java 17 (apt-get install openjdk-17-jre-headless)"
        ) from None
    spark.sparkContext.setLogLevel("ERROR")
    _startup_s = time.perf_counter() - started
    return spark


def startup_seconds() -> float | None:
    """How long this process's Spark took to start (None: it was already running, or never started)."""
    return _startup_s


def run_tasks(args: Sequence[tuple[Any, ...]], fn: Callable[..., T]) -> list[T]:
    """fn(*a) for each a, one Spark task each (one dump file a task), results back on the driver."""
    spark = session()
    rdd = spark.sparkContext.parallelize(list(args), max(1, len(args)))
    try:
        return list(rdd.map(lambda a: fn(*a)).collect())
    except Exception as e:  # a task's error comes back as a JVM trace: its last Python line is the message
        lines = [
            line.strip() for line in str(e).splitlines() if line.strip() and not line.startswith("\tat ")
        ]
        why = next(
            (line for line in reversed(lines) if "Error" in line or "wikitally" in line), type(e).__name__
        )
        raise SourceError(f"a Spark task failed: {why[:300]}") from None
