"""PetScan and Wikidata Query Service exports → worklist items. Pure: text in, items out.

The formats as those tools write them (fixtures in tests/fixtures/worklist/):
- PetScan CSV/TSV: a header `number,title,pageid,namespace,length,touched` (+ `Wikidata` when the item is
  asked for, + `image`, `coordinates` as "lat/lon" …), every CSV cell quoted and a quote in it written \",
  titles with `_`, the namespace by name ("" for articles); PetScan JSON: {"n": "result", "*": [{"n":
  "combination", "a": {"*": [pages]}}]}, each page {"title", "namespace": 0, "q", "metadata": {…}}.
- WDQS CSV: the query's variables as header, an item as its entity URI, a coordinate as `Point(lon lat)`,
  an image as a Special:FilePath URL; WDQS TSV (SPARQL's own): `?var` headers, `<uri>`, `"text"@lang`,
  `"Point(…)"^^<…wktLiteral>`; WDQS JSON: SPARQL results ({"head", "results": {"bindings"}}) or the
  download's plain array of objects.
Column names are matched without case; `item` / `qid` / `q` / `wikidata` hold the item, `title` (or
`article`, a URL of a page) the title, `label` or `<item column>Label` the label, `coord` / `coordinates` or
`lat` + `lon` the place, `image` the picture, `wiki` the title's wiki; a heritage site list's `designation`
(or `designationLabel`, `heritage`, `heritageLabel`) and `risk` (or `riskLabel`) its protection and its
risk status as the list gives them (docs/heritage.md).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote, urlparse

from wikitally.model import Point, WorklistItem

ITEM_COLUMNS = ("item", "qid", "q", "wikidata", "wikidata_item")
TITLE_COLUMNS = ("title", "article", "page")
DESIGNATION_COLUMNS = ("designation", "designationlabel", "heritage", "heritagelabel")
RISK_COLUMNS = ("risk", "risklabel")
QID = re.compile(r"(?:^|/entity/|/wiki/)(Q[1-9][0-9]*)$")
POINT = re.compile(
    r"Point\(\s*(-?[0-9.]+(?:[eE]-?[0-9]+)?)\s+(-?[0-9.]+(?:[eE]-?[0-9]+)?)\s*\)", re.IGNORECASE
)
LAT_LON = re.compile(r"^\s*(-?[0-9.]+)\s*/\s*(-?[0-9.]+)\s*$")
RDF_LITERAL = re.compile(r'^"(.*)"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?$', re.DOTALL)


class ExportError(ValueError):
    """The export cannot be read: `where` (a column or row) and what is wrong, for one line."""

    def __init__(self, where: str, problem: str) -> None:
        self.where, self.problem = where, problem
        super().__init__(f"{where}: {problem}")


def parse_export(text: str, name: str, default_wiki: str) -> list[WorklistItem]:
    """Items in file order (duplicates kept: the worklist dedupes). `name` decides JSON (".json") or a
    delimited file; `default_wiki` owns the titles unless a `wiki` column says otherwise."""
    text = text.lstrip("\ufeff")
    if name.lower().endswith(".json") or text.lstrip()[:1] in ("{", "["):
        rows = list(_json_rows(text))
    else:
        rows = list(_delimited_rows(text, name))
    return [item for i, row in enumerate(rows, start=2) if (item := _item(row, default_wiki, i)) is not None]


# -- reading the containers ----------------------------------------------------------------------------
def _delimited_rows(text: str, name: str) -> Iterator[dict[str, str]]:
    first = text.split("\n", 1)[0]
    delimiter = "\t" if name.lower().endswith(".tsv") or first.count("\t") > first.count(",") else ","
    # PetScan quotes every CSV cell and escapes a quote inside as \" (not "" as RFC 4180 does)
    petscan = first.startswith('"number"')
    if delimiter == "\t":  # TSV has no quoting: SPARQL's cells keep their "…"@lang, read by _rdf_value
        reader = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    else:
        reader = csv.reader(io.StringIO(text), escapechar="\\" if petscan else None)
    header = next(reader, None)
    if not header:
        raise ExportError("header", "the file is empty")
    keys = [h.strip().lstrip("?").lower() for h in header]
    _check_columns(keys)
    for row in reader:
        values = {k: _rdf_value(v) for k, v in zip(keys, row, strict=False)}
        if any(values.values()) and _main_namespace(values.get("namespace", "")):
            yield values


def _main_namespace(value: str) -> bool:
    """PetScan's namespace cell: the namespace's name ("" for articles), or its number in JSON."""
    return value.strip() in ("", "0")


def _json_rows(text: str) -> Iterator[dict[str, str]]:
    try:
        data = json.loads(text)
    except ValueError as e:
        raise ExportError("JSON", f"not valid JSON ({e})") from None
    if isinstance(data, dict) and isinstance(data.get("results"), dict):  # SPARQL results JSON
        bindings = data["results"].get("bindings")
        if not isinstance(bindings, list):
            raise ExportError("results.bindings", "is not a list")
        keys = [str(v).lower() for v in (data.get("head") or {}).get("vars", [])]
        _check_columns(keys or {str(k).lower() for b in bindings[:1] if isinstance(b, dict) for k in b})
        for b in bindings:
            if isinstance(b, dict):
                yield {str(k).lower(): str(v.get("value", "")) for k, v in b.items() if isinstance(v, dict)}
        return
    if isinstance(data, dict) and isinstance(data.get("*"), list):  # PetScan
        for part in data["*"]:
            pages = ((part or {}).get("a") or {}).get("*") if isinstance(part, dict) else None
            for page in pages if isinstance(pages, list) else []:
                if isinstance(page, dict) and page.get("namespace", 0) in (0, "0", None):
                    meta: dict[str, Any] = page["metadata"] if isinstance(page.get("metadata"), dict) else {}
                    yield {str(k).lower(): _scalar(v) for k, v in {**meta, **page}.items()}
        return
    if isinstance(data, list):  # WDQS "JSON file": one object per row
        _check_columns({str(k).lower() for row in data[:1] if isinstance(row, dict) for k in row})
        for row in data:
            if isinstance(row, dict):
                yield {str(k).lower(): _scalar(v) for k, v in row.items()}
        return
    raise ExportError("JSON", "is neither a PetScan nor a Wikidata Query Service export")


def _check_columns(keys: Any) -> None:
    if not any(k in ITEM_COLUMNS or k in TITLE_COLUMNS for k in keys):
        raise ExportError(
            "header", f"no item ({', '.join(ITEM_COLUMNS)}) or title ({', '.join(TITLE_COLUMNS)}) column"
        )


def _scalar(value: Any) -> str:
    return "" if value is None or isinstance(value, (dict, list)) else str(value)


def _rdf_value(cell: str) -> str:
    """A SPARQL TSV cell as its plain value: <uri> → uri, "text"@lang / "text"^^<type> → text."""
    cell = cell.strip()
    if cell.startswith("<") and cell.endswith(">"):
        return cell[1:-1]
    m = RDF_LITERAL.match(cell)
    return m.group(1).replace('\\"', '"').replace("\\\\", "\\") if m else cell


# -- one row -------------------------------------------------------------------------------------------
def _item(row: dict[str, str], default_wiki: str, line: int) -> WorklistItem | None:
    qid = None
    item_column = next((c for c in ITEM_COLUMNS if row.get(c, "").strip()), None)
    if item_column is not None:
        raw = row[item_column].strip()
        m = QID.search(raw.upper() if raw[:1] in "qQ" else raw)
        if m is None:
            raise ExportError(f"row {line}, column {item_column}", f"{raw[:60]!r} is not a Wikidata item")
        qid = m.group(1)
    wiki = (row.get("wiki") or "").strip().lower() or default_wiki
    title = None
    for column in TITLE_COLUMNS:
        raw = (row.get(column) or "").strip()
        if raw:
            title, wiki = _title(raw, wiki)
            break
    if qid is None and title is None:
        return None  # a blank row, or one about something else
    label = (row.get("label") or (row.get(f"{item_column}label") if item_column else None) or "").strip()
    return WorklistItem(
        item=qid,
        wiki=wiki,
        title=title,
        label=label or None,
        point=_point(row),
        image=_image(row),
        designation=_first(row, DESIGNATION_COLUMNS),
        risk=_first(row, RISK_COLUMNS),
    )


def _first(row: dict[str, str], columns: tuple[str, ...]) -> str | None:
    """The first non-empty cell of `columns` (stripped, at most 200 characters: a label, not a text)."""
    return next((v[:200] for c in columns if (v := (row.get(c) or "").strip())), None)


def _title(raw: str, wiki: str) -> tuple[str, str]:
    """A title as written, or a page's URL (WDQS `?article`): the URL names its wiki too."""
    if raw.startswith(("http://", "https://")):
        url = urlparse(raw)
        if "/wiki/" in url.path:
            return normalise_title(unquote(url.path.split("/wiki/", 1)[1])), url.hostname or wiki
    return normalise_title(raw), wiki


def normalise_title(title: str) -> str:
    """MediaWiki's way: `_` is a space, runs of spaces are one, the first letter is upper case."""
    title = " ".join(title.replace("_", " ").split())
    return title[:1].upper() + title[1:]


def _point(row: dict[str, str]) -> Point | None:
    for column in ("coord", "coordinates", "location"):
        m = POINT.search(row.get(column) or "")
        if m:
            return _checked(float(m.group(2)), float(m.group(1)))  # WKT is "Point(lon lat)"
    latlon = LAT_LON.match(row.get("coordinates") or row.get("coord") or "")
    if latlon:  # PetScan's "lat/lon"
        return _checked(float(latlon.group(1)), float(latlon.group(2)))
    try:
        return _checked(float(row["lat"]), float(row["lon"]))
    except (KeyError, ValueError):
        return None


def _checked(lat: float, lon: float) -> Point | None:
    return Point(lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None


def _image(row: dict[str, str]) -> str | None:
    raw = (row.get("image") or "").strip()
    if not raw:
        return None
    if raw.startswith(("http://", "https://")):  # Special:FilePath/Name.jpg
        raw = unquote(raw.rsplit("/", 1)[-1])
    raw = raw.split(":", 1)[1] if raw.lower().startswith(("file:", "image:")) else raw
    return normalise_title(raw) or None
