"""Read articles from .txt, .md, .html and .docx files, in the encodings the region uses."""
from __future__ import annotations

import re
import zipfile
import zlib
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx")
MAX_BYTES = 200 * 1024 * 1024          # a file (a .docx or web page may carry images or scripts)
MAX_CHARS = 2_000_000                  # article text: about 300,000 words, far beyond any article
MAX_DOCX_XML = 64 * 1024 * 1024        # unpacked document.xml; guards against zip bombs
# Tried in order after UTF-8; each is judged by how plausible its decoding looks.
LEGACY = ("cp1250", "cp1252", "iso-8859-2", "cp1254", "cp1251")


class ReadError(ValueError):
    """A file that cannot be read as an article, with the reason."""


def _plausibility(text: str) -> float:
    """Higher for text that reads like one of the supported languages: real words score well,
    mojibake ("Ã©", "đ" where "ğ" was meant) makes trigrams no language uses."""
    from classifier.langid import mean_log_probability, profiles, trigrams

    sample = text[:20000]
    if any(0x80 <= ord(ch) < 0xA0 or (ord(ch) < 32 and ch not in "\n\r\t") for ch in sample):
        return float("-inf")           # C1 control characters: the wrong code page
    counts = trigrams(sample)
    known = [p for p in profiles().values() if p["supported"]]
    return max((mean_log_probability(counts, p) for p in known), default=0.0)


def _looks_binary(text: str) -> bool:
    """Control characters (other than line breaks, tabs and form feeds) in more than 1% of a sample."""
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls > 0.01 * max(1, len(sample)) or any(ch in "\ufffe\uffff" for ch in sample)


def decode(data: bytes, name: str = "file") -> str:
    """Decode bytes: BOMs first, then UTF-8, then UTF-16 without BOM, then the likeliest legacy code page."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(b"\x00") > len(sample) // 4:
        zeros_even = sample[0::2].count(b"\x00")
        zeros_odd = sample[1::2].count(b"\x00")
        codec = "utf-16-le" if zeros_odd > zeros_even else "utf-16-be"
        try:
            text = data.decode(codec)
            if not _looks_binary(text):
                return text
        except UnicodeDecodeError:
            pass
    if b"\x00" in sample:
        raise ReadError(f"{name}: this looks like a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_binary(text):
            raise ReadError(f"{name}: this looks like a binary file, not text")
        return text
    candidates = []
    for codec in LEGACY:
        try:
            candidates.append((_plausibility(data.decode(codec)), codec))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise ReadError(f"{name}: the text encoding could not be recognised")
    candidates.sort(key=lambda c: -c[0])
    text = data.decode(candidates[0][1])
    if _looks_binary(text):
        raise ReadError(f"{name}: this looks like a binary file, not text")
    return text


class _ArticleHTML(HTMLParser):
    """Collects the readable text, skipping scripts, styles and page furniture."""
    SKIP = {"script", "style", "nav", "header", "footer", "aside", "noscript", "form", "svg", "button",
            "iframe", "template", "menu"}
    BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "blockquote", "br", "tr",
             "section", "article", "caption", "dd", "dt", "pre", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.in_article = 0
        self.article_parts: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        if tag == "article" or tag == "main":
            self.in_article += 1
        if tag in ("h1", "h2", "h3"):
            self._emit("\n\n# ")
        elif tag == "figcaption":
            self._emit("\n\nPhoto: ")
        elif tag == "li":
            self._emit("\n- ")
        elif tag in self.BLOCK:
            self._emit("\n\n")
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        if tag in ("article", "main") and self.in_article:
            self.in_article -= 1
        if tag in self.BLOCK:
            self._emit("\n\n")

    def handle_data(self, data):
        if not self.skip and not (self.stack and self.stack[-1] == "title"):
            self._emit(data)

    def _emit(self, text):
        self.parts.append(text)
        if self.in_article:
            self.article_parts.append(text)


def html_to_text(html: str) -> str:
    parser = _ArticleHTML()
    try:
        parser.feed(html)
        parser.close()
    except Exception as exc:  # html.parser is lenient; anything raised means unreadable markup
        raise ReadError(f"the HTML could not be parsed: {exc}") from None
    raw = "".join(parser.article_parts if "".join(parser.article_parts).strip() else parser.parts)
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in raw.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"^# *$", "", text, flags=re.MULTILINE)
    text = re.sub(r"(?m)^Photo: *$", "", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_to_text(data: bytes, name: str = "file") -> str:
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if archive.getinfo("word/document.xml").file_size > MAX_DOCX_XML:
                raise ReadError(f"{name}: the document inside this .docx unpacks to more than "
                                f"{MAX_DOCX_XML // 2**20} MB; it is not a single article")
            xml = archive.read("word/document.xml")
        root = ElementTree.fromstring(xml)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, EOFError, zlib.error, NotImplementedError) as exc:
        raise ReadError(f"{name}: not a readable .docx file ({type(exc).__name__})") from None
    paragraphs = []
    for para in root.iter(W + "p"):
        style = para.find(f"{W}pPr/{W}pStyle")
        runs = []
        for node in para.iter():
            if node.tag == W + "t" and node.text:
                runs.append(node.text)
            elif node.tag in (W + "tab",):
                runs.append("\t")
            elif node.tag in (W + "br", W + "cr"):
                runs.append("\n")
        text = "".join(runs).strip()
        if not text:
            continue
        kind = style.get(W + "val", "") if style is not None else ""
        if kind.lower().startswith(("heading", "title")):
            text = "# " + text
        elif kind.lower() == "caption":
            text = "Photo: " + text
        elif para.find(f"{W}pPr/{W}numPr") is not None:
            text = "- " + text
        paragraphs.append(text)
    return "\n\n".join(paragraphs) + "\n"


def read_article(path: Path | str) -> str:
    """The article text of a file; ReadError with a specific reason otherwise."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReadError(f"{path}: unsupported file type {suffix or '(none)'}; use {', '.join(SUFFIXES)}")
    try:
        size = path.stat().st_size
        # Plain text takes at most 4 bytes a character: a bigger file is too long without reading it.
        limit = MAX_BYTES if suffix in (".docx", ".html", ".htm") else 4 * MAX_CHARS
        if size > limit:
            raise ReadError(f"{path}: file is {size / 2**20:.0f} MB; one article file may be at most "
                            f"{limit // 2**20} MB. Split an archive into its articles")
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise ReadError(f"{path}: the file is empty")
    if suffix == ".docx":
        text = docx_to_text(data, str(path))
    else:
        text = decode(data, str(path))
        if suffix in (".html", ".htm"):
            text = html_to_text(text)
    if not text.strip():
        raise ReadError(f"{path}: the file holds no article text")
    if len(text) > MAX_CHARS:
        raise ReadError(f"{path}: holds {len(text):,} characters of text; one article may hold at most "
                        f"{MAX_CHARS:,}. Split it into its articles")
    return text


def find_articles(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))
