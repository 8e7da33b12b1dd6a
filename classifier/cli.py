"""`thb-review`: the command line. Imports are lazy so each command pays only for what it uses."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _err(message: str) -> None:
    print(f"thb-review: {message}", file=sys.stderr)


class Bar:
    """A progress bar on stderr (only when it is a terminal, or forced)."""

    def __init__(self, total: int, label: str, force: bool = False):
        self.total, self.label, self.done = max(1, total), label, 0
        self.show = force or sys.stderr.isatty()
        self.drawn = False

    def fraction(self, value: float, message: str = "") -> None:
        if self.show:
            self.drawn = True
            filled = int(30 * value)
            sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {int(value * 100):3d}% "
                             f"{message[:40]:<40}")
            sys.stderr.flush()

    def step(self, message: str = "") -> None:
        self.done += 1
        self.fraction(self.done / self.total, message)

    def close(self) -> None:
        if self.drawn:
            sys.stderr.write("\n")


# ---------------------------------------------------------------- rules
def cmd_rules(args) -> int:
    from guidelines import load_catalogue
    from guidelines.labels import LABEL_TITLES

    catalogue = load_catalogue(*args.rules, language=args.language)
    if args.action == "show":
        if not args.rule_id:
            _err("say which rule: thb-review rules show VID-01")
            return EXIT_ERROR
        try:
            rule = catalogue.get(args.rule_id)
        except KeyError as exc:
            _err(str(exc.args[0]))
            return EXIT_ERROR
        if args.format == "json":
            from dataclasses import asdict
            print(json.dumps(asdict(rule), indent=2, ensure_ascii=False))
            return EXIT_CLEAN
        print(f"{rule.id}  {rule.title}")
        print(f"label: {LABEL_TITLES[rule.label]} ({rule.label})   severity: {rule.severity}   "
              f"applies to: {', '.join(rule.scopes)}   pack: {rule.pack}\n")
        for heading, body in (("Rule", rule.statement), ("Why it matters", rule.rationale),
                              ("How to write it", rule.advice), ("Breaks the rule", rule.bad_example),
                              ("Compliant rewrite", rule.rewrite)):
            print(f"{heading}:\n  {body}\n")
        print("Sources:")
        for s in rule.sources:
            print(f"  - {s.cite()}")
        signals = []
        if rule.terms:
            signals.append(f"{len(rule.terms)} terms (e.g. {', '.join(rule.terms[:5])})")
        if rule.patterns:
            signals.append(f"{len(rule.patterns)} patterns")
        if rule.detectors:
            signals.append("detectors: " + ", ".join(rule.detectors))
        if rule.model_only:
            signals.append("judged by the trained model")
        print("\nSignals: " + ("; ".join(signals) or "none"))
        if rule.note:
            print(f"Note: {rule.note}")
        return EXIT_CLEAN
    if args.format == "json":
        print(json.dumps([{"id": r.id, "label": r.label, "title": r.title, "severity": r.severity,
                           "pack": r.pack} for r in catalogue], indent=2))
        return EXIT_CLEAN
    print(f"{len(catalogue)} rules from {', '.join(catalogue.packs)}")
    current = None
    for rule in catalogue:
        if rule.label != current:
            current = rule.label
            print(f"\n{LABEL_TITLES[rule.label]}")
        print(f"  {rule.id:<8} {rule.severity:<7} {rule.title}")
    return EXIT_CLEAN


# ---------------------------------------------------------------- corpus
def cmd_corpus(args) -> int:
    if args.action == "merge":
        return cmd_corpus_merge(args)
    from corpus.schema import bundled_languages

    languages = bundled_languages() if args.language == "all" else [args.language]
    if args.paths and len(languages) > 1:
        _err("--language all reads the bundled corpus; name one language with your own files")
        return EXIT_ERROR
    worst = EXIT_CLEAN
    for language in languages:
        if len(languages) > 1:
            print(f"== {language} ==")
        worst = max(worst, _corpus_one(args, language))
    return worst


def _corpus_one(args, language: str) -> int:
    from corpus.schema import bundled_corpus, read_corpus
    from corpus.stats import corpus_stats, format_stats

    passages = read_corpus(*(args.paths or [bundled_corpus(language)]))
    if args.action == "stats":
        stats = corpus_stats(passages)
        print(json.dumps(stats, indent=2) if args.json else format_stats(stats), end="" if not args.json else "\n")
        return EXIT_CLEAN
    from corpus.validate import validate
    from guidelines import load_catalogue

    problems = validate(passages, load_catalogue(*args.rules, language=language), args.threshold, language)
    for problem in problems:
        print(problem)
    kinds = {}
    for p in problems:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    summary = ", ".join(f"{v} {k}" for k, v in sorted(kinds.items())) or "no problems"
    print(f"{len(passages)} passages in {len({p.article for p in passages})} articles ({language}): {summary}",
          file=sys.stderr)
    return EXIT_FINDINGS if problems else EXIT_CLEAN


def cmd_corpus_merge(args) -> int:
    from corpus.merge import merge
    from guidelines import load_catalogue

    if len(args.paths) != 1:
        _err("say which exported file to merge: thb-review corpus merge EXPORT.jsonl [--into FOLDER]")
        return EXIT_ERROR
    target, problems = merge(args.paths[0], args.into, load_catalogue(*args.rules), args.threshold)
    for problem in problems:
        print(problem)
    if problems:
        _err(f"{args.paths[0]}: not merged ({len(problems)} problem{'s' if len(problems) != 1 else ''}); "
             "the corpus was not changed")
        return EXIT_ERROR
    print(f"merged {args.paths[0]} into {target}", file=sys.stderr)
    return EXIT_CLEAN


# ---------------------------------------------------------------- engine commands
def _engine(args, language: str = "en"):
    from classifier.engine import load_engine

    bar = Bar(1, "training", force=False)
    engine = load_engine(args.rules, args.model, trust=args.trust_model,
                         progress=lambda f, m: bar.fraction(f, m), notify=_err, language=language)
    bar.close()
    engine.sensitivity.update(getattr(args, "sensitivity", None) or {})
    return engine


def _engines(args):
    from classifier.multilingual import EngineSet

    return EngineSet(lambda language: _engine(args, language), args.language)


def _check_batch(paths: list[Path], args) -> list:
    """Check many files across cores (joblib), or on a Dask cluster with --scheduler."""
    from joblib import Parallel, delayed, parallel_config

    from classifier.batch import check_files

    chunks = [paths[i::args.jobs] for i in range(args.jobs)] if args.jobs > 1 else [paths]
    options = dict(rule_packs=args.rules, model_file=str(args.model) if args.model else None, trust=args.trust_model,
                   language=args.language, sensitivity=args.sensitivity)
    if args.scheduler:
        from dask.distributed import Client  # optional 'cluster' extra
        client = Client(args.scheduler)
        with parallel_config(backend="dask"):
            results = Parallel()(delayed(check_files)(c, **options) for c in chunks)
        client.close()
    else:
        results = Parallel(n_jobs=args.jobs)(delayed(check_files)(c, **options) for c in chunks)
    return [r for chunk in results for r in chunk]


def _prepare_models(files: list[Path], engines) -> None:
    """Load (training on first use) every model the files need before workers start, so that
    workers never train the same model at once."""
    from classifier.readers import ReadError, read_article

    needed = set()
    for path in files:
        try:
            detection = engines.detect(read_article(path))
        except ReadError:
            continue
        if detection.supported:
            needed.add(detection.language)
    for language in sorted(needed):
        engines.engine(language)


def cmd_check(args) -> int:
    from classifier.batch import check_files
    from classifier.findings import line_col
    from classifier.readers import find_articles

    files: list[Path] = []
    for name in args.files:
        path = Path(name)
        if path.is_dir():
            found = find_articles(path)
            if not found:
                _err(f"{path}: no .txt, .md, .html or .docx files in this folder")
            files.extend(found)
        else:
            files.append(path)
    if not files:
        _err("no files to check")
        return EXIT_ERROR
    errors, any_findings, report = 0, False, []
    if args.jobs > 1 and len(files) > 1:
        _prepare_models(files, _engines(args))
        outcomes = _check_batch(files, args)
    else:
        engines = _engines(args)
        bar = Bar(len(files), "checking", force=False) if len(files) > 1 else None
        outcomes = []
        for path in files:
            outcomes.extend(check_files([path], engines=engines))
            if bar:
                bar.step(path.name)
        if bar:
            bar.close()
    for name, text, result, error in outcomes:
        if error:
            errors += 1
            _err(error)
            report.append({"file": name, "error": error})
            continue
        detection, analysis = result
        findings = analysis.findings
        any_findings |= bool(findings)
        if args.format == "json":
            report.append({"file": name, "language": detection.language, "language_shares": detection.shares,
                           "counts": analysis.counts(),
                           "passages": [{"index": p.passage.index, "start": p.passage.start, "end": p.passage.end,
                                         "scope": p.passage.scope, "text": p.passage.text, "labels": p.labels,
                                         "scores": p.scores, "rules": sorted({f.rule_id for f in p.findings})}
                                        for p in analysis.passages],
                           "findings": [f.to_json() for f in findings]})
        else:
            for f in findings:
                line, col = line_col(text, f.start)
                print(f"{name}:{line}:{col} {f.rule_id} {f.label} {f.message}")
    if args.format == "json":
        print(json.dumps(report if len(args.files) > 1 or len(report) > 1 else report[0],
                         indent=2, ensure_ascii=False))
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if any_findings else EXIT_CLEAN


def cmd_classify(args) -> int:
    source = sys.stdin if args.input in (None, "-") else open(args.input, encoding="utf-8")
    records = []
    with source:
        for number, line in enumerate(source, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                _err(f"{args.input or 'stdin'}:{number}: not valid JSON ({exc.msg})")
                return EXIT_ERROR
            if not isinstance(record, dict) or "id" not in record or not isinstance(record.get("text"), str):
                _err(f"{args.input or 'stdin'}:{number}: each line needs an \"id\" and a \"text\" string")
                return EXIT_ERROR
            records.append(record)
    engine = _engine(args)
    out = sys.stdout if args.output in (None, "-") else open(args.output, "w", encoding="utf-8")
    with out:
        for start in range(0, len(records), 2000):
            batch = records[start:start + 2000]
            results = engine.classify([r["text"] for r in batch], [r.get("scope") for r in batch])
            for record, result in zip(batch, results):
                out.write(json.dumps({"id": record["id"], "labels": result.labels, "scores": result.scores,
                                      "rules": sorted({f.rule_id for f in result.findings})},
                                     ensure_ascii=False) + "\n")
    return EXIT_CLEAN


def cmd_train(args) -> int:
    from classifier.engine import train_bundle
    from classifier.model import save_model
    from classifier.modelcard import write_model_card
    from classifier.paths import model_path
    from corpus.schema import bundled_corpus, read_corpus
    from guidelines import load_catalogue

    passages = read_corpus(*(args.corpus or [bundled_corpus(args.language)]))
    catalogue = load_catalogue(*args.rules, language=args.language)
    bar = Bar(1, "training", force=True)
    bundle = train_bundle(passages, catalogue, progress=bar.fraction, folds=args.folds)
    bar.close()
    path = Path(args.model) if args.model else model_path(args.language)
    sha = save_model(bundle, path)
    card = write_model_card(bundle, path)
    from classifier.evaluate import format_figures
    print(format_figures({"model (cross-validated)": bundle.meta["cross_validation"]["figures"]}))
    print(f"\nsaved {path} (SHA-256 {sha[:12]}...); model card {card}")
    return EXIT_CLEAN


def cmd_evaluate(args) -> int:
    from corpus.schema import bundled_languages

    languages = bundled_languages() if args.language == "all" else [args.language]
    if len(languages) > 1 and (args.data or args.corpus):
        _err("--language all evaluates the bundled corpora; name one language for --data or --corpus")
        return EXIT_ERROR
    result = {}
    for language in languages:
        result[language] = _evaluate_one(args, language, heading=len(languages) > 1)
    if args.json:
        Path(args.json).write_text(json.dumps(result if len(languages) > 1 else result[languages[0]], indent=2))
    return EXIT_CLEAN


def _evaluate_one(args, language: str, heading: bool) -> dict:
    from classifier.evaluate import evaluate_corpus, evaluate_file, format_figures
    from corpus.schema import bundled_corpus, read_corpus
    from guidelines import load_catalogue

    catalogue = load_catalogue(*args.rules, language=language)
    passages = read_corpus(*(args.corpus or [bundled_corpus(language)]))
    result = {}
    if heading:
        print(f"\n======== {language} ========")
    if not args.data or args.with_cv:
        bar = Bar(1, "cross-validating", force=False)
        cv = evaluate_corpus(passages, catalogue, folds=args.folds, progress=bar.fraction)
        bar.close()
        result["corpus"] = cv
        print(f"Corpus ({language}): {len(passages)} passages, {args.folds}-fold cross-validation grouped by article\n")
        print(format_figures(cv))
    if args.data:
        engine = _engine(args, language)
        held = evaluate_file(Path(args.data), engine, passages, catalogue)
        result["heldout"] = held
        print(f"\nHeld-out file: {args.data} ({held['_passages']} passages; never trained on)\n")
        print(format_figures({k: v for k, v in held.items() if not k.startswith("_")}))
    return result


def cmd_trainer(args) -> int:
    from desktop.trainer_launch import run_trainer

    return run_trainer(args)


def cmd_gui(args) -> int:
    from desktop.launch import run_gui

    return run_gui(args)


# ---------------------------------------------------------------- parser
def _sensitivity(value: str) -> dict:
    out = {}
    for part in value.split(","):
        label, _, shift = part.partition("=")
        out[label.strip()] = float(shift)
    return out


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="thb-review", description=(
        "Check news coverage of trafficking in human beings against media reporting guidelines. "
        "Works offline; article text never leaves this machine."))
    sub = parser.add_subparsers(dest="command", required=True)

    def engine_options(p):
        p.add_argument("--rules", action="append", default=[], metavar="PATH",
                       help="an extra rule pack (folder or .toml file) over the bundled rules; repeatable")
        p.add_argument("--model", metavar="FILE", help="model file (default: in the user's data folder)")
        p.add_argument("--trust-model", action="store_true",
                       help="load a model file this application did not write (it can run code)")

    p = sub.add_parser("rules", help="list the guideline rules, or show one in full")
    p.add_argument("action", nargs="?", choices=["list", "show"], default="list")
    p.add_argument("rule_id", nargs="?")
    p.add_argument("--rules", action="append", default=[], metavar="PATH")
    p.add_argument("--language", default="en", metavar="CODE", help="the rules in this language (en, sq, hbs, ro, tr)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_rules)

    p = sub.add_parser("corpus", help="validate the corpus, print its statistics, or merge exported annotations")
    p.add_argument("action", choices=["validate", "stats", "merge"])
    p.add_argument("paths", nargs="*", help="corpus files or folders (default: the bundled corpus); "
                                            "for merge: the exported annotation file")
    p.add_argument("--into", metavar="FOLDER", help="merge: the corpus folder to add the file to "
                                                    "(default: the bundled corpus)")
    p.add_argument("--language", default="en", metavar="CODE",
                   help="the bundled corpus and rules of this language, or 'all' (default: en); "
                        "merge reads the language from the exported passages")
    p.add_argument("--json", action="store_true", help="statistics as JSON")
    p.add_argument("--threshold", type=float, default=0.9, help="near-duplicate similarity to report (0-1)")
    p.add_argument("--rules", action="append", default=[], metavar="PATH")
    p.set_defaults(func=cmd_corpus)

    p = sub.add_parser("check", help="check articles (.txt .md .html .docx, or folders) like a linter")
    p.add_argument("files", nargs="+")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--jobs", type=int, default=1, help="processes for checking many files")
    p.add_argument("--scheduler", metavar="ADDRESS", help="run the batch on a Dask cluster (needs the 'cluster' extra)")
    p.add_argument("--sensitivity", type=_sensitivity, metavar="LABEL=SHIFT,...",
                   help="lower a label's threshold by SHIFT (e.g. sensationalism=0.1) to flag more")
    p.add_argument("--language", default="auto", metavar="CODE",
                   help="the articles' language (en, sq, hbs, ro, tr); default: detected per article")
    engine_options(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("classify", help="JSON Lines passages in, labels and scores out")
    p.add_argument("--input", "-i", help="JSON Lines file (default: stdin)")
    p.add_argument("--output", "-o", help="output file (default: stdout)")
    engine_options(p)
    p.set_defaults(func=cmd_classify)

    p = sub.add_parser("train", help="train the model on the corpus and write a model card")
    p.add_argument("--corpus", action="append", default=[], metavar="PATH")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--rules", action="append", default=[], metavar="PATH")
    p.add_argument("--model", metavar="FILE")
    p.add_argument("--language", default="en", metavar="CODE", help="train the model of this language (default: en)")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("evaluate", help="per-label precision, recall, F1 against two baselines")
    p.add_argument("--data", metavar="JSONL", help="a held-out labelled file (id, text, labels)")
    p.add_argument("--with-cv", action="store_true", help="also cross-validate on the corpus when --data is given")
    p.add_argument("--corpus", action="append", default=[], metavar="PATH")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    p.add_argument("--language", default="en", metavar="CODE",
                   help="evaluate this language's corpus and rules, or 'all' (default: en)")
    engine_options(p)
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("gui", help="start the desktop application")
    p.add_argument("files", nargs="*")
    p.add_argument("--screenshot", metavar="PNG", help="render the window offscreen to PNG and exit")
    p.add_argument("--review-store", metavar="FILE", help="review database (default: in the user's data folder)")
    engine_options(p)
    p.set_defaults(func=cmd_gui)

    p = sub.add_parser("trainer", help="trainer mode: gallery, training sessions, presentation, quiz, handout")
    p.add_argument("session", nargs="?", help="a training session file to open")
    p.add_argument("--screenshot", metavar="PNG", help="render the session's presentation at 1920x1080 and exit")
    p.add_argument("--quiz", action="store_true", help="with --screenshot: render the quiz instead")
    p.add_argument("--step", type=int, default=1, help="with --screenshot: the step (or question) to render")
    p.add_argument("--reveal", action="store_true", help="with --screenshot --quiz: show the answer")
    engine_options(p)
    p.set_defaults(func=cmd_trainer)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from corpus.schema import CorpusError
    from guidelines.catalogue import CatalogueError
    from classifier.model import ModelError

    try:
        return args.func(args)
    except (CatalogueError, CorpusError, ModelError, OSError) as exc:
        _err(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _err("interrupted")
        return EXIT_ERROR
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
