"""Hypothesis profiles: `make test` runs "ci" (derandomized: the same examples on every
machine and day), `make fuzz` runs "fuzz" (new random examples, ten times as many).

Tests ask for their number of examples through `examples(n)`, so that the fuzz profile can
scale it; an example that ever failed is kept as an explicit `@example(...)`."""

import os

from hypothesis import HealthCheck, settings

FUZZ_FACTOR = 10

settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile(
    "fuzz", derandomize=False, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile(
    "dev", derandomize=False, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)


def examples(n: int) -> settings:
    """`n` examples in CI, FUZZ_FACTOR times as many under the fuzz profile."""
    return settings(max_examples=n * FUZZ_FACTOR if PROFILE == "fuzz" else n)
