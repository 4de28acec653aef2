"""What each front-matter key does, for the manual's key table, while the package's schema
declares only the keys' names. The table warns about a key described here that the schema
does not have, and about a key of the schema described nowhere."""

KEY_HELP = {
    "title": "Text, at most 200 characters. The page's H1, ``<title>`` and ``og:title``; a page "
    "with a title opens with a hero header. Empty: a title made from the file name.",
    "description": "Text. Shown under the title; also the page's meta and OpenGraph description.",
    "background": "Path from the source root. The hero image (JPEG, PNG or GIF in the source "
    "tree, named by its format, at most ``dassco_max_image_pixels``); also ``og:image``.",
    "imageAlt": "Text. The hero image's alt text (default: ``dassco_image_alts``, else decorative "
    "with a warning).",
    "imageLicense": "Inline Markdown. The image credit, behind an info icon; links and emphasis "
    "work, raw HTML is shown as text.",
    "height": "CSS length. The hero's minimum height (default ``dassco_hero_height``).",
    "overlayColor": "CSS colour. The overlay between image and text (default "
    "``dassco_hero_overlay``, which keeps white text at 4.5:1 or more).",
    "preTitle": "Text. A short line above the title (an article's type).",
    "cta": "List of ``{text, href, isPrimary}``. The hero's buttons: filled when ``isPrimary``, "
    "outlined otherwise; ``href`` is a site path, a relative path or an allowed URL.",
    "permalink": "Site path. Where ``/path`` links to this page lead; a redirect is written "
    "there if it is not the page's own path.",
    "lang-ref": "Text. The page's identity across languages (default: its name).",
    "brief": "``true``/``false``. Whether the page is printed as a PDF brief (overrides "
    "``dassco_briefs``).",
    "date": "ISO date (``2025-05-14``). An article's date, shown in the language's way; orders "
    "news listings and the feed.",
    "jobTitle": "Text. A person's job title, under their name and in the team listing.",
    "email": "E-mail address. A person's ``mailto:`` link.",
    "image": "Path from the source root. A person's photo or a partner's logo (JPEG, PNG, GIF "
    "or WebP; no SVG).",
    "category": "Text. The group a person is listed under in a team listing.",
    "order": "Number. The place in team and partner listings (lowest first).",
    "link": "``http(s)`` URL. A partner's website.",
    "aliases": "List of site paths, or ``{lang: [paths]}``. Old URLs that redirect to the page.",
}
