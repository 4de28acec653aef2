"""The order in which dassco-ext changes a page: every priority it uses, set and explained here.

Reading a page: docutils transforms run by priority, lowest first (Sphinx's own in brackets)::

    15  BUILD_HERO              page.hero.BuildHero: the parser's placeholder becomes the hero's
                                nodes, before Locale, so all of them can be translated
    19  TRANSLATE_FRONT_MATTER  i18n.frontmatter.TranslateFrontMatter: the hero's texts through
                                gettext with their key as msgctxt (Locale knows no context)
    19  SAFE_TRANSLATIONS       i18n.markup.SafeTranslations: messages whose translation changes
                                markup are translated here, safely, and kept from Locale
                                (registered after TRANSLATE_FRONT_MATTER, so it runs second)
   [20  sphinx.transforms.i18n.Locale: every other message]
    21  UNSAFE_LINKS            page.links.UnsafeMarkdownLinks: [x](javascript:...) -> its label
    22  ATTR_LISTS              page.attrlists.KramdownAttrLists: {: .button} on what precedes it
    23  SITE_LINKS              page.links.SiteLinks: /data -> a dassco:page reference (after
                                Locale: translated paragraphs are parsed again by MyST)

Writing a page: post-transforms::

   400  HERO_TITLE              page.hero.HeroTitleIntoHero (HTML only): the H1 into the hero,
                                after the environment has recorded it as the page title

Events (Sphinx calls handlers by priority, default 500)::

     0  (envvars.check_epoch)   config-inited: SOURCE_DATE_EPOCH checked before Sphinx's own
                                handler (correct_copyright_year, 800) reads it

   400  CONFIG_VALIDATE         config-inited: ``dassco_*`` values validated before anyone reads them
   400  LANGUAGE_LINKS          html-page-context: switcher and hreflang before the theme's handlers
   600  PAGE_IMAGES             doctree-read: images judged by their header, after Sphinx's
                                ImageCollector (500) has found each image's file
   600  SAFE_THEME_TITLES       html-page-context: after pydata-sphinx-theme (500) has put its
                                header navigation into the context, wrapped so titles are text

Post-transforms (reading is done; writing a page)::

     5  XREF_CONTENT            page.links.ResolveSiteLinks: site links resolved in one pass per
                                element (before Sphinx's resolver, 10, which is quadratic in a
                                paragraph's length); bare-text reference content wrapped
"""

from __future__ import annotations

BUILD_HERO = 15
TRANSLATE_FRONT_MATTER = 19
SAFE_TRANSLATIONS = 19
LOCALE = 20  #: Sphinx's ``Locale`` (for reference; not ours)
UNSAFE_LINKS = 21
ATTR_LISTS = 22
SITE_LINKS = 23

HERO_TITLE = 400

CONFIG_VALIDATE = 400
LANGUAGE_LINKS = 400
PAGE_IMAGES = 600
SAFE_THEME_TITLES = 600

XREF_CONTENT = 5
