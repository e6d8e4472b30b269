"""Fit FSRS on 100,000 simulated reviews (target <= 10 s) and print the log-loss gain on the
held-out newest reviews, against FSRS's defaults.

    python bench/optimize.py [cards]
"""

from __future__ import annotations

import sys
import time
from datetime import timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    from dockquiz.scheduling import optimize
    from tests.simulated import history, true_parameters

    cards = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    start = time.perf_counter()
    rows = history(true_parameters(), cards=cards, days=365, seed=3)
    simulated = time.perf_counter() - start
    start = time.perf_counter()
    items, used = optimize.build_items(rows, timezone.utc)
    built = time.perf_counter() - start
    start = time.perf_counter()
    fitted = optimize.optimize(items, used, optimize.default_parameters())
    took = time.perf_counter() - start
    print(f"{used:,} reviews ({items and len(items):,} items; simulated in {simulated:.1f} s, items built in {built:.2f} s)")
    print(f"fit (two fits and two evaluations): {took:.2f} s (target <= 10 s)")
    print(
        f"held-out log loss: defaults {fitted.old.log_loss:.4f}, fitted {fitted.new.log_loss:.4f} "
        f"(gain {fitted.old.log_loss - fitted.new.log_loss:.4f}); RMSE over bins {fitted.old.rmse_bins:.4f} -> "
        f"{fitted.new.rmse_bins:.4f}"
    )


if __name__ == "__main__":
    main()
