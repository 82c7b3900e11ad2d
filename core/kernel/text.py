"""Text folding for search and duplicate keys: ignore case and accents in every script."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that do not decompose under NFKD but that people type without the mark.
_EXTRA = str.maketrans(
    {
        "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
        "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
        "þ": "th", "Þ": "th", "ı": "i", "ħ": "h", "Ħ": "h",
        # Invisible characters that copy and paste and spreadsheets leave in names: a byte
        # order mark or a zero-width space must not make "Ann" a different customer.
        "\ufeff": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None,
        "\u00ad": None,
    }
)
# C0 and C1 control characters other than tab, line feed and carriage return: a file's
# ESC or BEL must not reach the database, a terminal or another program's import.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NON_DIGIT = re.compile(r"\D+")


def fold(text: str | None) -> str:
    """Lower-case, accent-free form of `text`, used for search and sorting."""
    if not text:
        return ""
    if text.isascii():
        # NFKD, the marks and _EXTRA leave ASCII as it is (imports fold millions of values);
        # split() and join() collapse any Unicode whitespace, faster than a regex.
        return " ".join(text.lower().split())
    return _fold_unicode(text)


@lru_cache(maxsize=8192)  # names in other scripts repeat: decomposing them is the slow part
def _fold_unicode(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def without_controls(text: str) -> str:
    """`text` without control characters (tabs and line breaks kept)."""
    return CONTROL_CHARACTERS.sub("", text)


def digits(text: str | None) -> str:
    return _NON_DIGIT.sub("", text or "")


_PHONEISH = re.compile(r"^[\d\s().+\-/]+$")


def _dialled(text: str) -> str:
    """Digits without leading zeros: a trunk "0" (07700 900123) or an international "00"
    is not part of the stored E.164 digits (447700900123), but what follows is."""
    found = digits(text)
    return found.lstrip("0") or found


def search_tokens(query: str) -> list[str]:
    """Split a search box entry into folded tokens; phone-like runs become digits."""
    query = query.strip()
    if not query:
        return []
    if _PHONEISH.match(query) and len(digits(query)) >= 3:
        return [_dialled(query)]
    tokens = []
    for raw in query.split():
        if _PHONEISH.match(raw) and digits(raw):
            tokens.append(_dialled(raw))
        else:
            folded = fold(raw)
            if folded:
                tokens.append(folded)
    return tokens


# How German is typed without the umlaut keys (ß already folds to "ss").
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


@lru_cache(maxsize=8192)
def umlauts_spelled_out(text: str) -> str:
    """The folded form of `text` with its umlauts written out ("Müller" -> "mueller"),
    or "" when it has none: stored beside the plain fold ("muller"), so that both
    spellings find the customer."""
    if text.isascii():
        return ""
    composed = unicodedata.normalize("NFC", text)
    spelled = composed.translate(_UMLAUTS)
    return fold(spelled) if spelled != composed else ""


def spelling_alternatives(query: str) -> dict[str, str]:
    """For each word of a search box entry typed with an umlaut, its folded token and the
    spelling without it ("Müller": "muller" -> "mueller"), so that it finds both."""
    found: dict[str, str] = {}
    for raw in query.split():
        spelled = "" if raw.isascii() else umlauts_spelled_out(raw)
        if spelled and (folded := fold(raw)) != spelled:
            found[folded] = spelled
    return found
