"""`make profile`: where the pipeline's time goes over FA-KES, by stage and by function.

Speed work starts from a profile, not a guess: this runs the real pipeline over the first N FA-KES
articles (read from ../shared in place), times each stage around its own call, and prints cProfile's
top functions by cumulative and by own time.

    python scripts/profile_pipeline.py [--docs 200] [--top 25]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import pstats
import time
from collections import defaultdict

from lanner.api import default_pipeline
from lanner.nlp import load_nlp
from lanner.views.outlets import fakes_documents


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()

    raws = list(itertools.islice(fakes_documents(), args.docs))
    pipe = default_pipeline()
    nlp = load_nlp()
    pipe(raws[0])  # models and lexicons load outside the measured run

    per_stage: dict[str, float] = defaultdict(float)
    words = sum(len(r.text.split()) for r in raws)
    profiler = cProfile.Profile()
    t0 = time.perf_counter()
    profiler.enable()
    wds = [pipe.new_workdoc(r) for r in raws]
    t = time.perf_counter()
    sdocs = list(nlp.pipe([w.text for w in wds], batch_size=32))
    per_stage["nlp (spaCy, batched)"] += time.perf_counter() - t
    for wd, sdoc in zip(wds, sdocs, strict=True):
        wd.sdoc = sdoc
        for st in pipe.stages:
            if st.name == "nlp":
                continue
            t = time.perf_counter()
            st.func(wd)
            per_stage[st.name] += time.perf_counter() - t
    profiler.disable()
    total = time.perf_counter() - t0

    print(f"{len(raws)} FA-KES articles, {words:,} words, {total:.1f} s ({words / total:,.0f} words/s)\n")
    print(f"{'stage':28s} {'seconds':>8s} {'share':>7s}")
    for name, secs in sorted(per_stage.items(), key=lambda kv: -kv[1]):
        print(f"{name:28s} {secs:8.2f} {100 * secs / total:6.1f}%")
    for key in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(key).print_stats(args.top)
        print(f"\n== top {args.top} functions by {key} ==")
        print(out.getvalue().split("\n", 6)[-1].rstrip())


if __name__ == "__main__":
    main()
