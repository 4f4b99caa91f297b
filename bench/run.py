"""Run benchmarks: `python -m bench.run all`, `python -m bench.run B1`, `--smoke` for CI size."""

import argparse
import importlib
import sys
from pathlib import Path

from bench.common import write_result

HERE = Path(__file__).resolve().parent


def available() -> list[str]:
    return sorted(p.stem.upper() for p in HERE.glob("b[0-9]*.py"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("which", nargs="?", default="all")
    parser.add_argument("--smoke", action="store_true", help="small sizes, for CI")
    args = parser.parse_args(argv)
    ids = available() if args.which.lower() == "all" else [args.which.upper()]
    failed = []
    for bench_id in ids:
        if bench_id not in available():
            print(f"Unknown benchmark {bench_id}; available: {', '.join(available())}")
            return 2
        module = importlib.import_module(f"bench.{bench_id.lower()}")
        result = module.run(smoke=args.smoke)
        result["smoke"] = args.smoke
        write_result(result)
        if not result["ok"]:
            failed.append(bench_id)
    return 1 if failed and not args.smoke else 0


if __name__ == "__main__":
    sys.exit(main())
