"""The order in which dassco-ext changes a page: every priority it uses, set and explained here.

Reading a page: docutils transforms run by priority, lowest first (Sphinx's own in brackets)::

    15  BUILD_HERO              page.hero.BuildHero: the parser's placeholder becomes the hero's
                                nodes, before Locale, so all of them can be translated
    19  TRANSLATE_FRONT_MATTER  i18n.frontmatter.TranslateFrontMatter: the hero's texts through
                                gettext with their key as msgctxt (Locale knows no context)
    19  PAGE_MESSAGES           i18n.fallback.RecordMessages: the page's messages recorded (every
                                language counts them alike), untranslated image alt texts marked
                                (registered between the two others: after the hero's texts are
                                kept from Locale, before SafeTranslations takes messages away)
    19  SAFE_TRANSLATIONS       i18n.markup.SafeTranslations: messages whose translation changes
                                markup are translated here, safely, and kept from Locale
                                (registered after TRANSLATE_FRONT_MATTER, so it runs after it)
   [20  sphinx.transforms.i18n.Locale: every other message]
    20  MARK_SOURCE_LANGUAGE    i18n.fallback.MarkSourceLanguage: what Locale and the front matter
                                left untranslated gets the source's language-<code> class (lang=);
                                the "newer version" note (registered by an extension, so after
                                Sphinx's own Locale: equal priorities run in registration order)
    21  UNSAFE_LINKS            page.links.UnsafeMarkdownLinks: [x](javascript:...) -> its label
    22  ATTR_LISTS              page.attrlists.KramdownAttrLists: {: .button} on what precedes it
    23  SITE_LINKS              page.links.SiteLinks: /data -> a dassco:page reference (after
                                Locale: translated paragraphs are parsed again by MyST)

Writing a page: post-transforms::

   400  HERO_TITLE              page.hero.HeroTitleIntoHero (HTML only): the H1 into the hero,
                                after the environment has recorded it as the page title

Events (Sphinx calls handlers by priority, default 500)::

   400  CONFIG_VALIDATE         config-inited: ``dassco_*`` values validated before anyone reads them
   400  LANGUAGE_LINKS          html-page-context: switcher and hreflang before the theme's handlers
   500  (default)               builder-inited: i18n.languages reads every translated language's
                                changed catalogs once (i18n.coverage), before pages are read
"""

from __future__ import annotations

BUILD_HERO = 15
TRANSLATE_FRONT_MATTER = 19
SAFE_TRANSLATIONS = 19
PAGE_MESSAGES = 19  #: registered after TRANSLATE_FRONT_MATTER, before SAFE_TRANSLATIONS
LOCALE = 20  #: Sphinx's ``Locale`` (for reference; not ours)
MARK_SOURCE_LANGUAGE = 20  #: right after Locale (registered after it)
UNSAFE_LINKS = 21
ATTR_LISTS = 22
SITE_LINKS = 23

HERO_TITLE = 400

CONFIG_VALIDATE = 400
LANGUAGE_LINKS = 400
