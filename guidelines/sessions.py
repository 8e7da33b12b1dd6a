"""Training session files: an ordered set of examples and articles a trainer shows a room.

A small versioned JSON format, read and written without Qt:

    {"format": "thb-review.session/1", "title": "Workshop, Tirana",
     "items": [{"kind": "rule_example", "rule": "VID-01", "variant": "bad"},
               {"kind": "rule_example", "rule": "VID-01", "variant": "rewrite"},
               {"kind": "passage", "id": "b1-a001-01"},
               {"kind": "article", "sample": "01-house-of-horrors-tabloid.md"},
               {"kind": "article", "path": "drafts/raid.md"}]}

An article `path` is kept relative to the session file when it lies beside or below it, so
a session folder can be copied to another laptop. Whether a rule, passage or file still
exists is judged when the session is shown (trainer_deck), where a missing one is reported
and skipped: a session made with another catalogue still opens.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

FORMAT = "thb-review.session/1"
FORMAT_NAME, FORMAT_VERSION = FORMAT.rsplit("/", 1)[0], 1
SUFFIX = ".thbsession"
KINDS = ("rule_example", "passage", "article")
VARIANTS = ("bad", "rewrite")


class SessionError(ValueError):
    """A session file that cannot be used: names the file and the reason."""

    def __init__(self, path: Path | str, reason: str):
        self.path, self.reason = str(path), reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class SessionItem:
    kind: str                 # rule_example | passage | article
    rule: str = ""            # rule_example: rule id
    variant: str = ""         # rule_example: bad | rewrite
    passage: str = ""         # passage: corpus passage id
    path: str = ""            # article: file (relative to the session file, or absolute)
    sample: str = ""          # article: a bundled sample's file name

    @property
    def key(self) -> str:
        """Identity within a session (the same example is not added twice)."""
        if self.kind == "rule_example":
            return f"rule:{self.rule}:{self.variant}"
        if self.kind == "passage":
            return f"passage:{self.passage}"
        return f"article:{self.sample or self.path}"

    def to_json(self) -> dict:
        if self.kind == "rule_example":
            return {"kind": self.kind, "rule": self.rule, "variant": self.variant}
        if self.kind == "passage":
            return {"kind": self.kind, "id": self.passage}
        return {"kind": self.kind, "sample": self.sample} if self.sample else {"kind": self.kind, "path": self.path}

    def describe(self) -> str:
        if self.kind == "rule_example":
            return f"{self.rule} {'bad example' if self.variant == 'bad' else 'compliant rewrite'}"
        if self.kind == "passage":
            return f"corpus passage {self.passage}"
        return f"article {self.sample or self.path}"


def rule_example(rule_id: str, variant: str = "bad") -> SessionItem:
    return SessionItem("rule_example", rule=rule_id.upper(), variant=variant)


def passage_item(passage_id: str) -> SessionItem:
    return SessionItem("passage", passage=passage_id)


def article_item(path: Path | str | None = None, sample: str = "") -> SessionItem:
    return SessionItem("article", sample=sample) if sample else SessionItem("article", path=str(path))


@dataclass
class Session:
    title: str = "Untitled session"
    items: list[SessionItem] = field(default_factory=list)
    path: Path | None = None           # where it was read from or last saved
    problems: list[str] = field(default_factory=list)   # items skipped on reading, with why

    def add(self, item: SessionItem) -> bool:
        """Append unless the same example is already in the session; True when added."""
        if any(i.key == item.key for i in self.items):
            return False
        self.items.append(item)
        return True

    def move(self, index: int, step: int) -> int:
        target = index + step
        if not (0 <= index < len(self.items) and 0 <= target < len(self.items)):
            return index
        self.items[index], self.items[target] = self.items[target], self.items[index]
        return target

    def article_path(self, item: SessionItem) -> Path:
        """The file of an article item (relative paths are relative to the session file)."""
        path = Path(item.path).expanduser()
        if not path.is_absolute() and self.path is not None:
            path = self.path.parent / path
        return path

    def to_json(self, where: Path | None = None) -> dict:
        items = []
        for item in self.items:
            if item.kind == "article" and not item.sample and where is not None:
                # Re-anchor relative paths on the new location (Save As to another folder).
                absolute = self.article_path(item).resolve()
                try:
                    item = SessionItem("article", path=absolute.relative_to(where.parent.resolve()).as_posix())
                except ValueError:
                    item = SessionItem("article", path=str(absolute))
            items.append(item.to_json())
        return {"format": FORMAT, "title": self.title.strip() or "Untitled session", "items": items}


def _item(raw, number: int) -> tuple[SessionItem | None, str]:
    """One item, or None and the reason it is skipped."""
    where = f"item {number}"
    if not isinstance(raw, dict):
        return None, f"{where}: not an object"
    kind = raw.get("kind")
    if kind == "rule_example":
        rule, variant = raw.get("rule"), raw.get("variant", "bad")
        if not isinstance(rule, str) or not rule.strip():
            return None, f"{where}: a rule example needs a 'rule' id"
        if variant not in VARIANTS:
            return None, f"{where}: variant must be 'bad' or 'rewrite', not {variant!r}"
        return rule_example(rule.strip(), variant), ""
    if kind == "passage":
        pid = raw.get("id")
        if not isinstance(pid, str) or not pid.strip():
            return None, f"{where}: a passage needs an 'id'"
        return passage_item(pid.strip()), ""
    if kind == "article":
        sample, path = raw.get("sample"), raw.get("path")
        if isinstance(sample, str) and sample.strip():
            if Path(sample).name != sample:
                return None, f"{where}: 'sample' must be a bare file name, not {sample!r}"
            return article_item(sample=sample.strip()), ""
        if isinstance(path, str) and path.strip():
            return article_item(path.strip()), ""
        return None, f"{where}: an article needs a 'path' or a 'sample' name"
    return None, f"{where}: unknown kind {kind!r} (known: {', '.join(KINDS)})"


def parse_session(data, path: Path | str = "<session>") -> Session:
    if not isinstance(data, dict):
        raise SessionError(path, "not a training session (the file must hold a JSON object)")
    fmt = data.get("format")
    if not isinstance(fmt, str) or not fmt.startswith(FORMAT_NAME + "/"):
        raise SessionError(path, f"not a training session (format is {fmt!r}, expected {FORMAT!r})")
    version = fmt.rsplit("/", 1)[1]
    if not version.isdigit() or int(version) > FORMAT_VERSION:
        raise SessionError(path, f"made by a newer version of thb-review ({fmt}); this one reads {FORMAT}")
    title = data.get("title", "")
    if not isinstance(title, str):
        raise SessionError(path, "'title' must be text")
    raw_items = data.get("items")
    if not isinstance(raw_items, list):
        raise SessionError(path, "'items' must be a list")
    session = Session(title=title.strip() or Path(str(path)).stem)
    for number, raw in enumerate(raw_items, 1):
        item, why = _item(raw, number)
        if item is None:
            session.problems.append(why)
        elif not session.add(item):
            session.problems.append(f"item {number}: {item.describe()} appears twice; shown once")
    return session


def read_session(path: Path | str) -> Session:
    """Read a session file; raise SessionError naming the file and what is wrong with it."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SessionError(path, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SessionError(path, "not a training session (not UTF-8 text)") from None
    if not text.strip():
        raise SessionError(path, "the file is empty")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SessionError(path, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    session = parse_session(raw, path)
    session.path = path
    return session


def write_session(session: Session, path: Path | str, remember: bool = True, extra: dict | None = None) -> Path:
    """Write atomically: a crash leaves the old file or the new one, never half of one.
    `remember=False` writes a copy (the trainer's working copy) and leaves `session` as it is."""
    path = Path(path)
    if path.suffix == "":
        path = path.with_suffix(SUFFIX)
    text = json.dumps({**session.to_json(path), **(extra or {})}, indent=2, ensure_ascii=False) + "\n"
    tmp = path.with_name(f".{path.name}.part")
    try:
        with open(tmp, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise SessionError(path, f"cannot write: {exc.strerror or exc}") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    if not remember:
        return path
    # Items now resolve relative to the new place.
    session.items = parse_session(json.loads(text), path).items
    session.path = path
    return path
