"""Command-line entries: ``match`` (matching JSON in, recommendations out) and ``classify``
(lines of free text in, one JSON object with HS codes per line out)."""

from __future__ import annotations

import argparse
import json
import sys

from .spec import MatchingInputError


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # exit 2 like argparse, but without touching sys.exit elsewhere
        raise MatchingInputError("argv", message)


def _open_input(path: str | None, stdin):
    if path and path != "-":
        return open(path, encoding="utf-8")
    return stdin if stdin is not None else sys.stdin


def match_main(argv=None, stdin=None, stdout=None, stderr=None) -> int:
    """`match [FILE]`: read the matching JSON (file or stdin), write recommendations JSON."""
    stdout = stdout if stdout is not None else sys.stdout
    stderr = stderr if stderr is not None else sys.stderr
    parser = _Parser(prog="match", description="Recommend trading partners (JSON in, JSON out).")
    parser.add_argument("file", nargs="?", help="input JSON file (default: stdin)")
    parser.add_argument("--indent", type=int, default=None)
    try:
        args = parser.parse_args(argv)
        try:
            with _open_input(args.file, stdin) if args.file else _nullctx(stdin) as fh:
                doc = json.load(fh)
        except OSError as exc:
            raise MatchingInputError("file", str(exc)) from exc
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise MatchingInputError("$", f"not valid JSON ({exc})") from exc
        from .recommend import recommend

        result = recommend(doc)
    except MatchingInputError as exc:
        print(f"invalid input: {exc.field}: {exc.message}", file=stderr)
        return 2
    json.dump(result, stdout, ensure_ascii=False, indent=args.indent)
    stdout.write("\n")
    return 0


class _nullctx:
    def __init__(self, stream):
        self.stream = stream if stream is not None else sys.stdin

    def __enter__(self):
        return self.stream

    def __exit__(self, *exc):
        return False


def classify_main(argv=None, stdin=None, stdout=None, stderr=None) -> int:
    """`classify [FILE] [--btki PATH] [--top-k N]`: one JSON object per input line."""
    stdout = stdout if stdout is not None else sys.stdout
    stderr = stderr if stderr is not None else sys.stderr
    parser = _Parser(prog="classify", description="HS codes for lines of free text.")
    parser.add_argument("file", nargs="?", help="text file, one product per line (default: stdin)")
    parser.add_argument("--btki", help="BTKI 2022 CSV (description_id/description_en) to add")
    parser.add_argument("--top-k", type=int, default=5)
    try:
        args = parser.parse_args(argv)
        if args.top_k < 1:
            raise MatchingInputError("--top-k", "must be at least 1")
        try:
            with _open_input(args.file, stdin) if args.file else _nullctx(stdin) as fh:
                lines = [ln.strip() for ln in fh]
        except OSError as exc:
            raise MatchingInputError("file", str(exc)) from exc
        except UnicodeDecodeError as exc:
            raise MatchingInputError("file", f"not UTF-8 text ({exc})") from exc
        from . import classifier

        if args.btki:
            try:
                classifier.load_btki(args.btki)
            except (OSError, KeyError, ValueError) as exc:
                raise MatchingInputError("--btki", str(exc)) from exc
            classifier.use_btki(args.btki)
        texts = [ln for ln in lines if ln]
        results = classifier.classify(texts, top_k=args.top_k) if texts else []
    except MatchingInputError as exc:
        print(f"invalid input: {exc.field}: {exc.message}", file=stderr)
        return 2
    for text, codes in zip(texts, results, strict=True):
        stdout.write(json.dumps({"text": text, "codes": codes}, ensure_ascii=False) + "\n")
    return 0
