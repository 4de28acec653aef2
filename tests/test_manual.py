"""The package's manual (manual/, make manual): it builds with no warning, and its reference
tables name every setting, warning subtype and front-matter key the code declares."""

from __future__ import annotations

import dataclasses as dc
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from dassco_ext.config import DasscoConfig
from dassco_ext.warnings_ import DasscoWarnings

REPO = Path(__file__).resolve().parent.parent
MANUAL = REPO / "manual"


def _load_extension():
    """The manual's own extension, loaded from its file (manual/ is no package)."""
    spec = importlib.util.spec_from_file_location(
        "reference_tables", MANUAL / "_ext" / "reference_tables.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


reference_tables = _load_extension()


@pytest.fixture(scope="module")
def manual(tmp_path_factory) -> Path:
    """The manual built as ``make manual`` builds it, into a temporary folder."""
    out = tmp_path_factory.mktemp("manual")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            "-d",
            str(out / "doctrees"),
            str(MANUAL),
            str(out / "html"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr
    return out / "html"


def _first_column(page: Path, table_class: str) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    table = soup.select_one(f"table.{table_class}")
    assert table is not None, f"{page.name} has no table.{table_class}"
    return [row.select_one("td").get_text(strip=True) for row in table.select("tbody tr")]


def test_every_setting_is_in_the_manual(manual):
    names = _first_column(manual / "configuration.html", "dassco-settings")
    assert names == [f"dassco_{field.name}" for field in dc.fields(DasscoConfig)]


def test_every_warning_subtype_is_in_the_manual(manual):
    soup = BeautifulSoup((manual / "warnings.html").read_text(encoding="utf-8"), "html.parser")
    rows = {
        row.select_one("td").get_text(strip=True): row.select("td")[-1].get_text(" ", strip=True)
        for row in soup.select("table.dassco-warnings tbody tr")
    }
    assert list(rows) == [kind.subtype for kind in DasscoWarnings]
    assert "decorative" in rows["dassco.image_alt"]  # each subtype's docstring, not only its name


def test_every_front_matter_key_is_in_the_manual(manual):
    schema = reference_tables.load(_manual_config()["manual_front_matter_schema"])
    keys = [row.name for row in reference_tables.front_matter_rows(schema)]
    assert "title" in keys and "imageAlt" in keys
    assert _first_column(manual / "editing.html", "dassco-front-matter-keys") == keys


def _manual_config() -> dict:
    from sphinx.config import eval_config_file
    from sphinx.util.tags import Tags

    return eval_config_file(MANUAL / "conf.py", tags=Tags())


# --- the shapes of schema the key table reads ----------------------------------------------------


@dc.dataclass
class _Schema:
    title: str = dc.field(default="", metadata={"help": "The page's title.", "type": "text"})
    lang_ref: str = dc.field(default="", metadata={"key": "lang-ref"})


def test_front_matter_rows_from_a_dataclass_a_mapping_or_names():
    rows = reference_tables.front_matter_rows
    assert rows(_Schema, {"lang-ref": "Identity."}) == [
        ("title", "text", "The page's title."),
        ("lang-ref", "str", "Identity."),
    ]
    assert rows({"title": "T.", "height": {"help": "H.", "type": "CSS length"}}) == [
        ("title", "", "T."),
        ("height", "CSS length", "H."),
    ]
    assert rows(("title", "date"), {"title": "T."}) == [("title", "", "T."), ("date", "", "")]


def test_a_key_described_nowhere_fails_the_manual(tmp_path):
    """A key the schema gains without a description is a warning (so ``make manual``, with
    ``-W``, fails); so is a description of a key the schema no longer has."""
    (tmp_path / "index.rst").write_text(
        "Keys\n====\n\n.. dassco-front-matter-keys::\n", encoding="utf-8"
    )
    (tmp_path / "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(MANUAL / '_ext')!r})\n"
        "extensions = ['reference_tables']\n"
        "manual_front_matter_schema = 'dassco_ext.page.frontmatter:DASSCO_KEYS'\n"
        "manual_front_matter_help = {'title': 'T.', 'subtitle': 'S.'}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(tmp_path), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "no description for 'title'" not in result.stderr
    assert "no description for 'description'" in result.stderr  # a key without help
    assert "does not have: subtitle" in result.stderr  # a description of no key
