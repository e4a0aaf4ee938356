"""Safe rendering of text from quiz files: a small allowed markup set, everything else escaped.

Question texts, choices and feedback may use ``<b> <strong> <i> <em> <u> <code> <pre> <sub>
<sup> <br> <p> <ul> <ol> <li> <small> <q> <cite>`` and ``<a href="https://...">``. Those tags
keep no attributes (a link keeps only an http, https or mailto ``href``). Any other tag —
``<script>``, ``<img onerror=...>``, ``<iframe>``, ``<style>`` — is shown as literal text, so
it is inert; comments are dropped. Unclosed allowed tags are closed at the end.

>>> sanitize_html('<b>Yes</b> <img src=x onerror=alert(1)>')
'<b>Yes</b> &lt;img src=x onerror=alert(1)&gt;'
>>> plain_text('<b>Yes</b> &amp; no')
'Yes & no'
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

ALLOWED_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "code", "pre", "sub", "sup", "br", "p", "ul", "ol", "li"}
    | {"small", "q", "cite", "a"}
)
_VOID = frozenset({"br"})
_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def _safe_href(value: str | None) -> str | None:
    if not value:
        return None
    cleaned = "".join(ch for ch in value if ch > " " and ch != "\x7f")
    return value.strip() if cleaned.lower().startswith(_SAFE_SCHEMES) else None


class _Sanitizer(HTMLParser):
    def __init__(self, keep_markup: bool):
        super().__init__(convert_charrefs=True)
        self.keep = keep_markup
        self.out: list[str] = []
        self.open: list[str] = []

    def _text(self, text: str) -> None:
        self.out.append(escape(text, quote=False) if self.keep else text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self._text(self.get_starttag_text() or f"<{tag}>")
            return
        if not self.keep:
            return
        if tag == "a":
            href = _safe_href(dict(attrs).get("href"))
            if href:
                self.out.append(
                    f'<a href="{escape(href)}" target="_blank" rel="noopener noreferrer">'
                )
            else:
                self.out.append("<a>")
        else:
            self.out.append(f"<{tag}>")
        if tag not in _VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if self.keep:
                self.out.append(f"<{tag}>")
            return
        if tag not in ALLOWED_TAGS:
            self._text(self.get_starttag_text() or f"<{tag}/>")
            return
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED_TAGS:
            self._text(f"</{tag}>")
            return
        if tag in self.open:
            while self.open:
                top = self.open.pop()
                if self.keep:
                    self.out.append(f"</{top}>")
                if top == tag:
                    break

    def handle_data(self, data: str) -> None:
        self._text(data)

    def handle_comment(self, data: str) -> None:
        pass

    def handle_decl(self, decl: str) -> None:
        pass

    def handle_pi(self, data: str) -> None:
        self._text(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self._text(f"<![{data}]>")

    def result(self) -> str:
        self.close()
        if self.rawdata:  # an unfinished tag at the very end ("<img src=x")
            self._text(self.rawdata)
            self.rawdata = ""
        while self.open:
            top = self.open.pop()
            if self.keep:
                self.out.append(f"</{top}>")
        return "".join(self.out)


def sanitize_html(text: str | None) -> str:
    """HTML safe to put in a widget: allowed markup kept (attribute-free), the rest escaped."""
    if not text:
        return ""
    parser = _Sanitizer(keep_markup=True)
    parser.feed(str(text))
    return parser.result()


def plain_text(text: str | None) -> str:
    """Text for a widget label (shown as text by the browser): allowed tags removed, entities
    decoded; any other tag stays as visible, inert text."""
    if not text:
        return ""
    parser = _Sanitizer(keep_markup=False)
    parser.feed(str(text))
    return parser.result()
