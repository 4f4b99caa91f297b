"""Text helpers of the kennisbank: safe rich text, author lines, words for suggestions."""

import html
import re
import unicodedata

import markdown
import nh3

# The HTML a body may contain after sanitising; everything else is removed.
TOEGESTANE_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "i", "a",
    "blockquote", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
    "sup", "sub", "abbr",
}  # fmt: skip
TOEGESTANE_ATTRIBUTEN = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}

TUSSENVOEGSELS = {
    "van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "in", "op", "la", "le",
    "du", "da", "di", "von", "vander", "vd", "v.d.",
}  # fmt: skip


def inhoud_to_html(bron: str) -> str:
    """Markdown (or HTML) from an editor → sanitised HTML: no scripts, styles or handlers."""
    ruw = markdown.markdown(bron or "", extensions=["extra", "sane_lists"], output_format="html")
    return nh3.clean(
        ruw,
        tags=TOEGESTANE_TAGS,
        attributes=TOEGESTANE_ATTRIBUTEN,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def html_to_tekst(veilige_html: str) -> str:
    """Plain text of sanitised HTML, for the search index and snippets."""
    tekst = nh3.clean(veilige_html or "", tags=set())
    return re.sub(r"\s+", " ", html.unescape(tekst)).strip()


def zonder_accenten(tekst: str) -> str:
    """ "Café" → "cafe", as PostgreSQL's unaccent does for Latin letters."""
    ontleed = unicodedata.normalize("NFKD", tekst)
    return "".join(c for c in ontleed if not unicodedata.combining(c))


def woorden(tekst: str, minimum: int = 3) -> list[str]:
    """Lower-case words without accents, at least `minimum` letters, in order of appearance."""
    gezien = []
    for woord in re.findall(r"[^\W\d_]+", zonder_accenten(tekst or "").lower()):
        if len(woord) >= minimum and len(woord) <= 60 and woord not in gezien:
            gezien.append(woord)
    return gezien


def naam_split(naam: str) -> tuple[str, str]:
    """ "David ter Avest" → ("David", "ter Avest"); a single word is a surname."""
    delen = naam.split()
    if len(delen) <= 1:
        return "", naam.strip()
    # The surname starts at the first prefix ("ter", "van der") or else at the last word.
    for i, deel in enumerate(delen[1:], start=1):
        if deel.lower() in TUSSENVOEGSELS:
            return " ".join(delen[:i]), " ".join(delen[i:])
    return " ".join(delen[:-1]), delen[-1]
