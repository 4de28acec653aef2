"""Pages whose content lives in the site's own layouts (rendered with Liquid as Jekyll does),
and twins paired as Jekyll sites pair them: on a small English-French site of its own, and
on DaSSCo's real site (``../shared/hp-dassco`` beside a full checkout).
"""

from __future__ import annotations

import html as html_module
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from dassco_ext.jekyll.command import main

REAL_SITE = Path(__file__).resolve().parents[2] / "shared" / "hp-dassco"

LAYOUT = """---
layout: base
---
{% assign t = site.data.i18n[page.lang].home %}
<section class="hero"><h1>{{ t.title }}</h1><p>{{ t.intro | escape }}</p></section>
<div class="cards">
  {% for card in t.cards %}{% include card.html title=card.title text=card.text %}{% endfor %}
</div>
<picture><source srcset="{{ '/assets/big.png' | relative_url }} 2x" media="(min-width: 768px)">
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt=""></picture>
<div class="button"><a href="{{ t.more.link | relative_url }}">{{ t.more.text }}</a></div>
{% assign latest = site.news | sort: "date" | reverse %}
{% for article in latest limit:2 %}<h3>{{ article.title }}</h3>{% endfor %}
<div class="people"><div class="person"><img src="/assets/big.png" alt="Ann"><h4>Ann</h4><p>Curator</p></div></div>
<div class="body">{{ content }}</div>
<script>alert("the layout's own script")</script>
"""
CARD = '<div class="card"><h2>{{ include.title }}</h2><p>{{ include.text }}</p></div>\n'
I18N = {
    "en": {"title": "Collections for everyone", "intro": "We digitise <all> specimens.",
           "cards": [{"title": "Open data", "text": "Every record is open."},
                     {"title": "Open code", "text": "Every tool is open."}],
           "more": {"text": "Read more", "link": "/about"}},
    "fr": {"title": "Des collections pour tous", "intro": "Nous numérisons <tous> les spécimens.",
           "cards": [{"title": "Données ouvertes", "text": "Chaque donnée est ouverte."},
                     {"title": "Code ouvert", "text": "Chaque outil est ouvert."}],
           "more": {"text": "En savoir plus", "link": "/fr/a-propos"}},
}
CONFIG = """title: Small
url: https://example.org
collections:
  news:
    output: true
    permalink: /news/:title/
defaults:
  - scope: {path: ""}
    values: {lang: en}
  - scope: {path: "fr"}
    values: {lang: fr}
"""


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def layout_site(root: Path) -> Path:
    write(root / "_config.yml", CONFIG)
    write(root / "_layouts" / "home.html", LAYOUT)
    write(root / "_layouts" / "plain.html", "---\nlayout: base\n---\n<article><h1>{{ page.title }}</h1>{{ content }}</article>\n")
    write(root / "_includes" / "card.html", CARD)
    for lang, values in I18N.items():
        write(root / "_data" / "i18n" / lang / "home.yml", yaml.safe_dump(values, allow_unicode=True))
    (root / "assets").mkdir()
    (root / "assets" / "big.png").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
        b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
        b"\x00\x00IEND\xaeB`\x82")
    write(root / "en" / "index.md", "---\ntitle: Home\nlayout: home\npermalink: /\nlang-ref: home\n---\n"
          "The page's own words.\n")
    write(root / "fr" / "index.md", "---\ntitle: Accueil\nlayout: home\npermalink: /fr/\nlang-ref: accueil\n---\n"
          "Les mots de la page.\n")
    # paired by the file path under each language folder (lang-refs differ)
    write(root / "en" / "about.md", "---\ntitle: About\nlayout: plain\npermalink: /about\nlang-ref: about\n---\n"
          "We are a museum.\n")
    write(root / "fr" / "about.md", "---\ntitle: À propos\nlayout: plain\npermalink: /fr/a-propos\n"
          "lang-ref: a-propos\n---\nNous sommes un musée.\n")
    # paired by the one layout both sides have (names and lang-refs differ)
    write(root / "_layouts" / "contact.html", "---\n---\n<p>{{ page.title }}: {{ page.mail }}</p>\n")
    write(root / "en" / "contact.md", "---\ntitle: Contact\nlayout: contact\nmail: a@b.org\n"
          "permalink: /contact\n---\n")
    write(root / "fr" / "joindre.md", "---\ntitle: Nous joindre\nlayout: contact\nmail: a@b.org\n"
          "permalink: /fr/nous-joindre\n---\n")
    write(root / "_data" / "navigation.yml", "- text: About\n  menu:\n  - text: Who we are\n    href: /about\n"
          "  - text: Contact\n    href: /contact\n- text: People\n  href: /people\n- text: History\n  href: /history\n")
    write(root / "_data" / "fr" / "navigation.yml", "- text: À propos\n  menu:\n  - text: Qui sommes-nous\n"
          "    href: /fr/a-propos\n  - text: Contact\n    href: /fr/nous-joindre\n- text: Équipe\n"
          "  href: /fr/equipe\n- text: Histoire\n  href: /fr/histoire\n")
    # paired by their place in the menus (one layout, names and lang-refs differ)
    for lang, name, title, text in (("en", "people", "People", "Our staff."), ("en", "history", "History", "Since 1770."),
                                    ("fr", "equipe", "Équipe", "Notre équipe."), ("fr", "histoire", "Histoire", "Depuis 1770.")):
        write(root / lang / f"{name}.md", f"---\ntitle: {title}\nlayout: page\n"
              f"permalink: {'/fr' if lang == 'fr' else ''}/{name}\n---\n{text}\n")
    for number in (1, 2, 3):
        write(root / "_news" / f"n{number}.md", f"---\ntitle: News {number}\ndate: 2024-0{number}-01\n---\nText.\n")
    return root


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    base = tmp_path_factory.mktemp("layouts")
    site = layout_site(base / "site")
    dest = base / "dest"
    assert main([str(site), str(dest)]) == 0
    return site, dest


def body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n", 2)[2]


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])


def catalog(dest: Path, name: str, lang: str = "fr") -> dict[str, str]:
    with (dest / "locale" / lang / "LC_MESSAGES" / f"{name}.po").open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id and m.string and not m.fuzzy}


def test_a_layout_page_carries_what_jekyll_showed(imported):
    _, dest = imported
    home = body(dest / "docs" / "index.md")
    assert "# Collections for everyone\n" in home
    about = body(dest / "docs" / "about.md")
    assert about.strip() == "We are a museum."  # the layout's title is the new site's hero
    assert "We digitise \\<all\\> specimens." in home  # text stays text
    assert ("`````{grid} 1 2 2 2\n:gutter: 3\n\n\n````{grid-item-card}\n\n**Open data**\n\n"
            "Every record is open.\n\n````\n\n````{grid-item-card}\n\n**Open code**\n\n"
            "Every tool is open.\n\n````\n\n`````\n") in home  # cards alike: a grid
    assert "`````{grid} 1 2 1 1\n:gutter: 3\n\n\n````{grid-item-card}\n\n```{image} /assets/big.png\n:alt: Ann\n```\n\n**Ann**\n\nCurator\n\n````\n\n`````" in home  # one card
    assert "```{image} /assets/big.png\n```" in home  # the picture's source, the copied file
    assert (dest / "docs" / "assets" / "big.png").is_file()
    assert "[Read more](/about){: .button}" in home
    assert "```{news} news\n:limit: 2\n```" in home and "News 3" not in home  # a listing, not a copy
    assert "The page's own words." in home  # {{ content }}
    assert "alert" not in home and "script" not in home
    report = (dest / "import-report.md").read_text(encoding="utf-8")
    assert "| en/index.md:3 | layout | _layouts/home.html: 1 \\<script\\> |" in report
    assert "| en/index.md:3 | liquid |" in report  # what the layout held: at the layout's line
    assert "| layout-only |" not in report


def test_a_layout_pages_other_languages_reach_the_catalog(imported):
    _, dest = imported
    home = catalog(dest, "index")
    assert home["Collections for everyone"] == "Des collections pour tous"
    assert home["Every tool is open."] == "Chaque outil est ouvert."
    assert home["[Read more](/about){: .button}"] == "[En savoir plus](/about){: .button}"


def test_the_report_counts_the_texts_of_other_languages_carried(imported):
    _, dest = imported
    carried, found, rest = texts_carried((dest / "import-report.md").read_text(encoding="utf-8"), "fr")
    assert found >= 20 and len(rest) == found - carried
    assert carried >= found - 2, rest


def test_twins_pair_by_file_path_then_by_layout(imported):
    _, dest = imported
    about = front(dest / "docs" / "about.md")
    assert about["aliases"]["fr"] == ["/fr/a-propos"]
    assert catalog(dest, "about")["We are a museum."] == "Nous sommes un musée."
    assert catalog(dest, "about")["About"] == "À propos"
    contact = front(dest / "docs" / "contact.md")
    assert contact["aliases"]["fr"] == ["/fr/nous-joindre"]
    assert catalog(dest, "contact")["Contact"] == "Nous joindre"
    assert not (dest / "docs" / "joindre.md").exists()
    assert front(dest / "docs" / "history.md")["aliases"]["fr"] == ["/fr/histoire"]
    assert catalog(dest, "history")["Since 1770."] == "Depuis 1770."
    assert catalog(dest, "people")["People"] == "Équipe"


def test_nested_menu_entries_reach_the_navbar(imported):
    _, dest = imported
    home = body(dest / "docs" / "index.md")
    assert ":hidden:\n:caption: About\n\nWho we are <about>\nContact <contact>\n```" in home  # a dropdown
    assert ":hidden:\n\nPeople <people>\nHistory <history>\n```" in home
    assert catalog(dest, "index")["Who we are"] == "Qui sommes-nous"
    assert "dassco_header_dropdowns = True" in (dest / "docs" / "conf.py").read_text(encoding="utf-8")


def test_what_a_dropdown_cannot_hold_is_listed_in_it_or_reported(tmp_path):
    """A third level is listed in its dropdown; an entry of another language's menu that no
    entry of the source menu leads to is reported, as is one that leads nowhere."""
    site = layout_site(tmp_path / "site")
    write(site / "_data" / "navigation.yml", "- text: About\n  menu:\n  - text: Who we are\n    href: /about\n"
          "    menu:\n    - text: People\n      href: /people\n  - text: Gone\n    href: /gone\n"
          "- text: History\n  href: /history\n")
    write(site / "_data" / "fr" / "navigation.yml", "- text: À propos\n  menu:\n  - text: Qui sommes-nous\n"
          "    href: /fr/a-propos\n- text: Contact\n  href: /fr/nous-joindre\n")
    dest = tmp_path / "dest"
    assert main([str(site), str(dest)]) == 0
    assert ":caption: About\n\nWho we are <about>\nPeople <people>\n```" in body(dest / "docs" / "index.md")
    report = (dest / "import-report.md").read_text(encoding="utf-8")
    assert "| _data/navigation.yml:1 | menu | People -\\> /people | nested below a dropdown: listed in the dropdown |" in report
    assert "| _data/navigation.yml:1 | menu | Gone -\\> /gone | not a page of the new site: left out of the menu |" in report
    assert ("| _data/fr/navigation.yml:1 | menu | Contact -\\> /fr/nous-joindre | "
            "no entry of the source menu leads there: left out of the menu |") in report
    assert catalog(dest, "index")["About"] == "À propos"


def test_liquid_cannot_read_outside_includes_nor_run_unbounded(tmp_path):
    site = layout_site(tmp_path / "site")
    (tmp_path / "secret.html").write_text("SECRET-TEXT", encoding="utf-8")
    write(site / "_layouts" / "plain.html",
          "---\n---\n<p>{% include ../../secret.html %}</p>{% include ../_config.yml %}\n")
    write(site / "_layouts" / "contact.html",
          "---\n---\n{% for i in (1..100000000) %}{% for j in (1..100000000) %}x{% endfor %}{% endfor %}<p>ok</p>\n")
    dest = tmp_path / "dest"
    assert main([str(site), str(dest)]) == 0
    about = body(dest / "docs" / "about.md")
    assert "SECRET" not in about and "example.org" not in about
    report = (dest / "import-report.md").read_text(encoding="utf-8")
    assert "| en/about.md:3 | layout | _layouts/plain.html:" in report
    assert "| en/contact.md:3 | layout | _layouts/contact.html:" in report and "loop" in report


real_site_only = pytest.mark.skipif(not REAL_SITE.is_dir(), reason="the real Jekyll site is only beside a full checkout")


@pytest.fixture(scope="module")
def real_site(tmp_path_factory):
    """DaSSCo's real site imported, then built in both languages (no warning)."""
    dest = tmp_path_factory.mktemp("real") / "dest"
    assert main([str(REAL_SITE), str(dest)]) == 0
    done = subprocess.run([sys.executable, "-m", "dassco_ext.cli.build", str(dest / "docs"), str(dest / "_build"),
                           "--jobs", "1"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNING" not in done.stdout + done.stderr, done.stdout + done.stderr
    return dest


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@real_site_only
def test_the_real_sites_menus_come_over_whole_in_each_language(real_site):
    """Every entry of each language's navigation data is in that language's navbar, with its
    own label (the case aside: one catalog message, shared with the home page's text), a
    nested one inside a dropdown named as its parent; each leads to a page of the site or
    to the same search on gbif.org."""
    html = real_site / "_build" / "html"
    for lang, data in (("en", "_data/navigation.yml"), ("da", "_data/da/navigation.yml")):
        menu = yaml.safe_load((REAL_SITE / data).read_text(encoding="utf-8"))
        nav = soup_of(html / lang / "index.html").select_one(".navbar-header-items ul.navbar-nav")
        top = {a.get_text(strip=True).casefold(): a["href"] for a in nav.select(":scope > li > a.nav-link")}
        dropdowns = {li.button.get_text(strip=True): li for li in nav.select(":scope > li.nav-item.dropdown")}
        hrefs = []
        for entry in menu:
            if "menu" not in entry:
                hrefs.append((top[entry["text"].casefold()], entry["href"]))
                continue
            dropdown = dropdowns[entry["text"]]
            button, items = dropdown.button, dropdown.select_one("ul.dropdown-menu")
            assert button["data-bs-toggle"] == "dropdown" and button["aria-controls"] == items["id"]
            links = {a.get_text(strip=True): a["href"] for a in items.select("a.dropdown-item")}
            assert len(links) == len(entry["menu"]), (lang, entry["text"], links)
            hrefs += [(links[child["text"]], child["href"]) for child in entry["menu"]]
        assert len(hrefs) == 10 and len({href for href, _ in hrefs}) == 10, hrefs  # 2 dropdowns of 4, 2 links
        for href, old in hrefs:
            if old.endswith("/search"):
                assert href.startswith("https://www.gbif.org/"), (lang, old, href)
            else:
                assert (html / lang / href).is_file(), (lang, old, href)
    report = (real_site / "import-report.md").read_text(encoding="utf-8")
    assert "| menu |" not in report  # nothing left out


@real_site_only
def test_the_real_sites_404_page_is_in_each_language_at_any_depth(real_site):
    html = real_site / "_build" / "html"
    for lang, title, home in (("en", "Page not found", "Home"), ("da", "Siden blev ikke fundet", "Forside")):
        page = soup_of(html / lang / "404.html")
        assert page.html["lang"] == lang
        main_text = page.select_one("main").get_text(" ", strip=True)
        assert title in main_text and home in main_text and "Error 404" in main_text, main_text
        links = [t.get("href") or t.get("src") for t in page.find_all(["a", "link", "script", "img"])]
        relative = [x for x in links if x and not x.startswith(("/", "https://", "#", "mailto:", "data:"))]
        assert not relative, relative  # served for any missing path: nothing relative
        assert f'href="/{lang}/index.html"' in str(page.select_one("main"))


@real_site_only
def test_the_real_sites_layout_pages_are_not_empty(real_site):
    dest = real_site
    for name in ("index", "about", "contact", "resources"):
        words = body(dest / "docs" / f"{name}.md").split()
        assert len(words) > 25, name
    assert "{news} news" in body(dest / "docs" / "index.md")
    about = catalog(dest, "about", "da")
    assert about.get("What is Dassco") == "Hvad er DaSSCo"
    for name in ("about", "contact", "news", "organisations", "resources", "team"):
        assert "da" in front(dest / "docs" / f"{name}.md")["aliases"], name
    assert front(dest / "docs" / "about.md")["aliases"]["da"] == ["/da/omkring"]
    report = (dest / "import-report.md").read_text(encoding="utf-8")
    assert not [x for x in report.splitlines() if "| layout-only |" in x and x.startswith("| en/")]
    assert "Warnings of a first build" not in report  # the Data menu's links lead somewhere
    conf = (dest / "docs" / "conf.py").read_text(encoding="utf-8")
    for kind in ("occurrence", "dataset", "collection", "institution", "literature"):
        assert f"'da/{kind}/search': 'https://www.gbif.org/" in conf, kind
    assert "html_logo = 'assets/" in conf and "html_show_sphinx = False" in conf
    assert "notfound_context" not in conf and front(dest / "docs" / "404.md")["title"] == "Page not found"
    assert "--pst-color-primary: #001972;" in (dest / "docs" / "_static" / "site.css").read_text(encoding="utf-8")
    footer = (dest / "docs" / "_templates" / "site-footer.html").read_text(encoding="utf-8")
    assert footer.count("<h2>") == 4 and "{% if language == 'da' %}" in footer
    carried, found, rest = texts_carried(report, "da")
    assert found > 100 and carried / found > 0.7 and len(rest) == found - carried
    # the import again, over a translator's edit: kept
    po = dest / "locale" / "da" / "LC_MESSAGES" / "about.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Hvad er DaSSCo"', 'msgstr "Hvad er DaSSCo?"'),
                  encoding="utf-8")
    assert main([str(REAL_SITE), str(dest)]) == 0
    assert catalog(dest, "about", "da")["What is Dassco"] == "Hvad er DaSSCo?"
    again = (dest / "import-report.md").read_text(encoding="utf-8")
    changed = (again.split("## Changed in DEST")[1:] or [""])[0].split("\n## ")[0]
    assert "about.po" not in changed  # merged with nothing new: the translator's file as it was
    assert "| docs/" not in changed  # same pages


def texts_carried(report: str, lang: str) -> tuple[int, int, list[str]]:
    """The report's count of ``lang``'s texts carried, of those found, and the rows of the rest
    (each with its reason)."""
    line = next(x for x in report.splitlines() if x.startswith(f"- Texts of other languages carried: {lang}: "))
    carried, found = (int(n) for n in line.split(": ")[2].split(" (")[0].split(" of "))
    table = (report.split(f"## Texts in {lang} not carried\n")[1:] or [""])[0].split("\n## ")[0]
    rows = [x for x in table.splitlines()[3:] if x.startswith("| ")]
    assert all(x.rstrip(" |").rsplit(" | ", 1)[1].strip() for x in rows)
    return carried, found, rows


def test_collection_urls_keep_the_file_names_case(tmp_path):
    """Jekyll's ``:title`` keeps the file name's case, ``:slug`` lowers it; a link to the
    old URL leads to the new page."""
    site = layout_site(tmp_path / "site")
    (site / "_config.yml").write_text(CONFIG.replace("/news/:title/", "/news/:year/:title/"), encoding="utf-8")
    write(site / "_news" / "2023-05-02-Big-News_Day.md", "---\ntitle: Big\n---\nText.\n")
    write(site / "_news" / "Other-Story.md", "---\ntitle: Other\ndate: 2022-01-01\nslug: Kept-Slug\n---\n"
          "See [the big day](/news/2023/Big-News_Day/).\n")
    dest = tmp_path / "dest"
    assert main([str(site), str(dest)]) == 0
    big = front(dest / "docs" / "news" / "big-news-day.md")
    assert big["aliases"] == ["/news/2023/Big-News_Day/"]
    assert str(big["date"]) == "2023-05-02"  # the file name's date
    other = dest / "docs" / "news" / "kept-slug.md"
    assert front(other)["aliases"] == ["/news/2022/Kept-Slug/"]
    assert "[the big day](/news/big-news-day)" in body(other)


def test_pages_at_the_site_root_are_the_default_languages(tmp_path):
    """A site whose default language lives at the root (and in sub-folders), another language
    in its folder: pages are read as Jekyll reads them, twins paired by their file path."""
    site = tmp_path / "site"
    write(site / "_config.yml", "title: Root\nlang: es\nurl: https://example.org\n")
    write(site / "index.md", "---\ntitle: Inicio\npermalink: /\n---\nBienvenidos al portal.\n")
    write(site / "acerca.md", "---\ntitle: Acerca\n---\nSomos un museo.\n")
    write(site / "guias" / "datos.md", "---\ntitle: Datos\n---\nCómo publicar datos.\n")
    write(site / "en" / "acerca.md", "---\ntitle: About\nlang: en\n---\nWe are a museum.\n")
    write(site / "README.md", "# A read-me, no front matter\n")
    write(site / "404.md", "---\ntitle: No encontrada\npermalink: /404\n---\nNo existe.\n")
    dest = tmp_path / "dest"
    assert main([str(site), str(dest)]) == 0
    assert "Bienvenidos al portal." in body(dest / "docs" / "index.md")
    about = front(dest / "docs" / "acerca.md")
    assert about["aliases"] == {"es": ["/acerca.html"]}  # /en/acerca.html is the new one too
    assert catalog(dest, "acerca", "en")["Somos un museo."] == "We are a museum."
    assert front(dest / "docs" / "datos.md")["aliases"] == {"es": ["/guias/datos.html"]}
    report = (dest / "import-report.md").read_text(encoding="utf-8")
    assert "| README.md | no front matter" in report
    assert front(dest / "docs" / "404.md")["title"] == "No encontrada"  # sphinx-notfound-page's page
    assert body(dest / "docs" / "404.md").strip() == "No existe."


def test_posts_keep_their_dated_urls(tmp_path):
    """``_posts`` are articles at Jekyll's URLs (the site's permalink style, categories in
    lower case, the file name's date and case), listed by a news listing of their folder."""
    site = tmp_path / "site"
    write(site / "_config.yml", "title: Blog\npermalink: date\ndefaults:\n  - scope: {path: _posts/fr}\n"
          "    values: {lang: fr}\n")
    write(site / "en" / "index.md", "---\ntitle: Home\npermalink: /\n---\nSee [the post](/blog/2024/03/05/Hello-World.html).\n")
    write(site / "fr" / "index.md", "---\ntitle: Accueil\npermalink: /fr/\n---\nBonjour.\n")
    write(site / "_posts" / "2024-03-05-Hello-World.md",
          "---\ntitle: Hello\ncategories: Blog\ndate: 2024-03-05 10:00:00 +0200\n---\nFirst post.\n")
    write(site / "_posts" / "fr" / "2024-03-05-bonjour.md", "---\ntitle: Bonjour\n---\nPremier billet.\n")
    write(site / "_posts" / "2024-04-01-draft.md", "---\ntitle: Draft\npublished: false\n---\nNot yet.\n")
    write(site / "en" / "hidden.md", "---\ntitle: Hidden\npublished: false\n---\nNot yet.\n")
    dest = tmp_path / "dest"
    assert main([str(site), str(dest)]) == 0
    post = front(dest / "docs" / "posts" / "hello-world.md")
    assert post["aliases"] == ["/blog/2024/03/05/Hello-World.html"]
    assert str(post["date"]) == "2024-03-05"
    assert "[the post](/posts/hello-world)" in body(dest / "docs" / "index.md")
    assert "```{news} posts\n```" in body(dest / "docs" / "posts.md")
    report = (dest / "import-report.md").read_text(encoding="utf-8")
    assert "| _posts/fr/2024-03-05-bonjour.md | a document in fr" in report
    assert not (dest / "docs" / "posts" / "draft.md").exists() and not (dest / "docs" / "hidden.md").exists()
    assert "| _posts/2024-04-01-draft.md | published: false" in report
    assert "| en/hidden.md | published: false" in report


def test_deeply_nested_layout_html_is_read_without_a_traceback(tmp_path):
    site = layout_site(tmp_path / "site")
    write(site / "_layouts" / "plain.html",
          "---\n---\n{% for i in (1..5000) %}<div><a href='/x'>{% endfor %}<h2>Deep</h2><p>{{ content }}</p>\n")
    dest = tmp_path / "dest"
    assert main([str(site), str(dest)]) == 0
    about = body(dest / "docs" / "about.md")
    assert "Deep" in about and "We are a museum." in about


@pytest.mark.parametrize("link", ["javascript:alert(1)", "jav&#x61;script:alert(1)", " JAVASCRIPT:alert(1)",
                                  "java&#0;script:alert(1)", "java&#9;script:alert(1)", "data:text/html,x",
                                  "vbscript:x", "file:///etc/passwd"])
def test_a_layouts_links_pass_the_url_rule(tmp_path, link):
    site = layout_site(tmp_path / "site")
    write(site / "_layouts" / "plain.html",
          f'---\n---\n<p><a href="{link}" onclick="alert(2)">Click</a> <img src="{link}" onerror="alert(3)"></p>'
          f'<div class="button"><a href="{link}">Go</a></div>{{{{ content }}}}\n')
    dest = tmp_path / "dest"
    assert main([str(site), str(dest)]) == 0
    about = body(dest / "docs" / "about.md").lower()
    assert "click" in about and "go" in about
    for bad in ("script", "alert", "data:", "file:", "onclick", "onerror"):
        assert bad not in about, (bad, about)


def test_an_import_again_keeps_a_translators_work_and_stays_in_step(tmp_path):
    """Importing into an earlier import: the English changes flow in, a translator's entry
    is kept (fuzzy with its old ``msgid`` where the English changed), a user's files are not
    touched, the report says what changed; `intl update` then makes no catalog of its own."""

    site, dest = layout_site(tmp_path / "site"), tmp_path / "dest"
    assert main([str(site), str(dest)]) == 0
    po = dest / "locale" / "fr" / "LC_MESSAGES" / "about.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgstr "Nous sommes un musée."', 'msgstr "Nous sommes un musée, revu."'), encoding="utf-8")
    people = dest / "locale" / "fr" / "LC_MESSAGES" / "people.po"
    people.write_text(people.read_text(encoding="utf-8").replace(
        'msgstr "Notre équipe."', 'msgstr "Toute notre équipe."'), encoding="utf-8")
    write(dest / "docs" / "mine.md", "---\ntitle: Mine\norphan: true\n---\nMy page.\n")
    write(site / "en" / "about.md", "---\ntitle: About\nlayout: plain\npermalink: /about\nlang-ref: about\n---\n"
          "We are a natural history museum.\n")
    write(site / "en" / "history.md", "---\ntitle: History\nlayout: page\npermalink: /history\n---\nSince 1771.\n")
    assert main([str(site), str(dest)]) == 0
    assert body(dest / "docs" / "about.md").strip() == "We are a natural history museum."
    with po.open("rb") as handle:
        about = {m.id: m for m in read_po(handle) if m.id}
    changed = about["We are a natural history museum."]
    assert changed.fuzzy and changed.string == "Nous sommes un musée, revu."
    assert '#, fuzzy\n#| msgid "We are a museum."\nmsgid "We are a natural history museum."' in po.read_text()
    assert "We are a museum." not in about
    assert catalog(dest, "people")["Our staff."] == "Toute notre équipe."  # kept as it is
    history = catalog(dest, "history")
    assert "Since 1771." not in history  # changed English: no stale French as a translation
    assert (dest / "docs" / "mine.md").read_text(encoding="utf-8").endswith("My page.\n")
    assert "docs/mine.md" not in (dest / "import-manifest.json").read_text()
    report = (dest / "import-report.md").read_text(encoding="utf-8")
    assert "| docs/about.md | updated" in report
    assert "| locale/fr/LC_MESSAGES/about.po | merged" in report
    assert "docs/mine.md" not in report
    templates = {p.relative_to(dest).as_posix() for p in (dest / "locale").rglob("*.po")}
    done = subprocess.run([sys.executable, "-m", "dassco_ext", "intl", "update", "docs", "_build"],
                          cwd=dest, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    after = {p.relative_to(dest).as_posix() for p in (dest / "locale").rglob("*.po")}
    assert after - templates == {"locale/fr/LC_MESSAGES/mine.po"}  # the user's page, no other
    assert not list((dest / "docs").rglob("*.pot")) and not (dest / "_build" / "gettext" / "fr").exists()
    # and once more: the translator's work still there
    assert main([str(site), str(dest)]) == 0
    assert catalog(dest, "people")["Our staff."] == "Toute notre équipe."


def themed_site(root: Path) -> Path:
    """The small site with what the hosted-portal theme's sites have beside: a logo and a
    brand colour in the config, a footer from per-language data, search pages and a 404."""
    layout_site(root)
    config = (root / "_config.yml").read_text(encoding="utf-8")
    write(root / "_config.yml", config + "theme_options:\n  logo: /assets/big.png\n  style:\n"
          "    colors:\n      primary: \"#123abc\"\n")
    write(root / "_includes" / "footer.html", "{% assign f = site.data.i18n[page.lang].footer %}"
          '<footer><div><h2>{{ f.title }}</h2><a href="/about">{{ f.about }}</a>'
          '<a href="/occurrence/search">{{ f.data }}</a><p>{{ f.street }}</p></div>'
          '<img src="/assets/big.png" alt=""><script>alert(1)</script></footer>\n')
    for lang, words in (("en", ("Find us", "About us", "Data", "1 Museum Street {{ x }}")),
                        ("fr", ("Nous trouver", "À propos de nous", "Données", "1 rue du Musée"))):
        write(root / "_data" / "i18n" / lang / "footer.yml",
              yaml.safe_dump(dict(zip(("title", "about", "data", "street"), words, strict=True)), allow_unicode=True))
        prefix = "" if lang == "en" else "/fr"
        for kind in ("occurrence", "literature"):
            write(root / lang / f"{kind}.md", f"---\ntitle: {kind}\nlayout: {kind}\n"
                  f"permalink: {prefix}/{kind}/search\nlang-ref: {kind}\n---\n")
    write(root / "en" / "people.md", "---\ntitle: People\nlayout: page\npermalink: /people\n---\n"
          "Our staff. [Search](/occurrence/search)\n")
    write(root / "_includes" / "js" / "config.js",
          "var keys = ['aaa-1', 'bbb-2']; // the site's datasets\n"
          'var bad = ["x\\"><script>"];\nvar siteConfig = {\n  "occurrenceSearch": {\n'
          '    "scope": {"type": "in", /* "key": "publishingOrg", */ "key": "datasetKey", "values": keys},\n'
          '  },\n  datasetSearch: {scope: {publishingOrg: bad}},\n};\n')
    write(root / "404.md", "---\ntitle: Page not found\npreTitle: Error 404\ndescription: Nothing <here>\n"
          "permalink: /404.html\nlayout: pageNotFound\ncta:\n  - text: Home\n    href: /\n---\n")
    return root


def test_the_site_looks_like_the_old_one_and_its_searches_lead_to_gbif(tmp_path):
    """Logo, brand colour, the footer in each language (no "Built with"), the 404 page, and
    the search pages' old URLs, links and menu entries leading to the same search on gbif.org."""
    site, dest = themed_site(tmp_path / "site"), tmp_path / "dest"
    write(site / "_data" / "navigation.yml", "- text: About\n  href: /about\n- text: Data\n  menu:\n"
          "  - text: Specimens\n    href: /occurrence/search\n")
    assert main([str(site), str(dest)]) == 0
    assert (dest / "docs" / "404.md").exists() and not (dest / "docs" / "occurrence").exists()
    css = (dest / "docs" / "_static" / "site.css").read_text(encoding="utf-8")
    assert "--pst-color-primary: #123abc;" in css and "hyphens: auto" in css
    footer = (dest / "docs" / "_templates" / "site-footer.html").read_text(encoding="utf-8")
    assert "<script" not in footer and "<img" not in footer and "{{ x }}" not in footer
    report = (dest / "import-report.md").read_text(encoding="utf-8")
    assert "| en/occurrence.md | a search page (a widget of the search service): its old URL leads to the same search on gbif.org |" in report
    assert "Warnings of a first build" not in report
    done = subprocess.run([sys.executable, "-m", "dassco_ext.cli.build", str(dest / "docs"), str(dest / "_build"),
                           "--jobs", "1"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNING" not in done.stdout + done.stderr, done.stdout + done.stderr
    html = dest / "_build" / "html"

    def soup(path: str) -> BeautifulSoup:
        return BeautifulSoup((html / path).read_text(encoding="utf-8"), "html.parser")

    for lang, title, street, about in (("en", "Find us", "1 Museum Street", "about.html"),
                                       ("fr", "Nous trouver", "1 rue du Musée", "about.html")):
        page = soup(f"{lang}/people.html")
        found = page.select_one(".site-footer")
        assert found is not None and found.h2.get_text() == title and street in found.get_text()
        assert found.a["href"] == about
        assert "Created using" not in page.get_text() and "Built with" not in page.get_text()
        assert page.select_one("img.logo__image")["src"].endswith("big.png")
        assert (html / lang / page.select_one("img.logo__image")["src"]).is_file()
        search = "https://www.gbif.org/occurrence/search?dataset_key=aaa-1&dataset_key=bbb-2"
        assert search in [a.get("href") for a in found.find_all("a")]
        assert search in [a.get("href") for a in page.select(".bd-header a")]
    # (MyST 4.0 with markdown-it-py 3 writes a Markdown link's "&" escaped twice, without the
    # package too: read the body's link as a browser would read it back)
    assert search in [html_module.unescape(a.get("href")) for a in soup("en/people.html").select("main a")]
    for old in ("occurrence/search", "fr/occurrence/search", "literature/search"):
        redirect = (html / old / "index.html").read_text(encoding="utf-8")
        assert "https://www.gbif.org/" in redirect, old
    scoped = "https://www.gbif.org/occurrence/search?dataset_key=aaa-1&dataset_key=bbb-2"
    assert scoped in (html / "fr" / "occurrence" / "search" / "index.html").read_text()
    assert "resource/search?contentType=literature" in (html / "fr" / "literature" / "search" / "index.html").read_text()
    missing = soup("en/404.html").get_text()
    assert "Error 404" in missing and "Nothing <here>" in missing
    assert soup("fr/404.html").html["lang"] == "fr"
    data = soup("en/people.html").select_one(".navbar-header-items li.dropdown")
    assert data.button.get_text(strip=True) == "Data" and data.select_one("a.dropdown-item")["href"] == search


def test_a_brand_colour_that_is_not_one_is_not_carried_the_sass_one_is(tmp_path):
    site = layout_site(tmp_path / "site")
    config = (site / "_config.yml").read_text(encoding="utf-8")
    write(site / "_config.yml", config + "style:\n  colors:\n    primary: \"red; } body { display: none\"\n")
    write(site / "_sass" / "_vars.scss", "// the brand\n$primary-color: #aa0011;\n")
    dest = tmp_path / "dest"
    assert main([str(site), str(dest)]) == 0
    css = (dest / "docs" / "_static" / "site.css").read_text(encoding="utf-8")
    assert "--pst-color-primary: #aa0011;" in css and "body {" not in css
    conf = (dest / "docs" / "conf.py").read_text(encoding="utf-8")
    assert "html_logo" not in conf and "footer_start': []" in conf  # no logo, no footer: none
