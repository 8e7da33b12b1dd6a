"""Engine benchmark: prints medians for the targets of the engine issue.

    python bench/engine_bench.py [--repeat N]

- analysis of a 1,000-word article in-process (target < 15 ms)
- batch throughput of `classify`, passages per second per core (target >= 5,000)
- `thb-review check` of one article from a cold start, against the floor of
  `python -c "import sklearn, nltk"` measured in the same run (target: within 0.5 s)
- training on the full corpus, with grouped cross-validation for the thresholds (target < 10 s)
- peak memory of a check and of training (target < 300 MB)

The article set is generated from the corpus's own passages (shuffled into articles),
so the text has the length and vocabulary of real news copy.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def articles(passages, words: int, count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        chosen, n = [], 0
        while n < words:
            p = rng.choice(passages)
            chosen.append(p.text)
            n += len(p.text.split())
        paragraphs = [" ".join(chosen[i:i + 3]) for i in range(0, len(chosen), 3)]
        out.append("Headline of a generated article\n\n" + "\n\n".join(paragraphs) + "\n")
    return out


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def peak_mb(code: str, env: dict) -> float:
    """Peak resident memory (MB) of a fresh interpreter running `code`."""
    script = code + "\nimport resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    return int(result.stdout.strip().splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    from classifier.engine import load_engine, train_bundle
    from corpus.schema import read_corpus
    from guidelines import load_catalogue

    home = tempfile.mkdtemp(prefix="thb-bench-")
    env = dict(os.environ, THB_REVIEW_HOME=home)
    os.environ["THB_REVIEW_HOME"] = home
    passages = read_corpus()
    catalogue = load_catalogue()

    train_times = timed(lambda: train_bundle(passages, catalogue), max(1, min(3, args.repeat)))
    engine = load_engine()   # trains once more and saves, so the cold-start runs below have a model

    sample = articles(passages, 1000, 20)
    for text in sample[:3]:
        engine.analyze(text)            # warm caches
    analysis = [t for text in sample for t in timed(lambda text=text: engine.analyze(text), 1)]

    batch = [p.text for p in passages] * 2
    batch_times = timed(lambda: engine.classify(batch), max(1, args.repeat // 2))
    throughput = len(batch) / statistics.median(batch_times)

    article = Path(home) / "article.txt"
    article.write_text(sample[0], encoding="utf-8")
    floor = timed(lambda: subprocess.run([sys.executable, "-c", "import sklearn, nltk"], env=env, check=True),
                  args.repeat)
    cold = timed(lambda: subprocess.run([sys.executable, "-m", "classifier.cli", "check", str(article)], env=env,
                                        capture_output=True), args.repeat)

    check_mb = peak_mb(f"from classifier.cli import main; main(['check', {str(article)!r}])", env)
    train_mb = peak_mb("from classifier.engine import train_bundle; from corpus.schema import read_corpus;"
                       "from guidelines import load_catalogue; train_bundle(read_corpus(), load_catalogue())", env)

    med = statistics.median
    words = statistics.mean(len(t.split()) for t in sample)
    print(f"corpus: {len(passages)} passages; articles of ~{words:.0f} words; {os.cpu_count()} cores; "
          f"repeat {args.repeat}")
    print(f"analysis of a 1,000-word article, in-process  median {med(analysis) * 1000:7.1f} ms   (target < 15 ms)")
    print(f"batch classify, {len(batch)} passages, one core  {throughput:9.0f} passages/s   (target >= 5,000)")
    print(f"floor: python -c 'import sklearn, nltk'       median {med(floor):7.2f} s")
    print(f"thb-review check, one article, cold start     median {med(cold):7.2f} s   "
          f"(+{med(cold) - med(floor):.2f} s over the floor; target <= +0.5 s)")
    print(f"training on the full corpus (5-fold CV + fit) median {med(train_times):7.2f} s   (target < 10 s)")
    print(f"peak memory: check {check_mb:.0f} MB, training {train_mb:.0f} MB   (target < 300 MB)")


if __name__ == "__main__":
    main()
