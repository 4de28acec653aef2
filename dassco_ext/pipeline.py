"""The order in which dassco-ext changes a page: every priority it uses, set and explained here.

Reading a page: docutils transforms run by priority, lowest first (Sphinx's own in brackets)::

    15  BUILD_HERO              page.hero.BuildHero: the H1 from the front matter's title, and the
                                hero's nodes after it, before Locale, so all of them are translated
    17  TRANSLATE_FRONT_MATTER  i18n.frontmatter.TranslateFrontMatter: the hero's texts kept from
                                Locale (which would parse them as markup) and translated as text
    19  SAFE_TRANSLATIONS       i18n.fallback.SafeTranslations: every translated message of
                                every language judged (its markup must be the source's) and
                                recorded with the page's messages (every build counts them
                                alike), untranslated image alt texts marked; a rejected one of
                                the build's language is kept from Locale: the source text shows
   [20  sphinx.transforms.i18n.Locale: every other message]
    21  MARK_SOURCE_LANGUAGE    i18n.fallback.MarkSourceLanguage: what Locale and the front matter
                                left untranslated gets the source's language-<code> class (lang=);
                                the "newer version" note
    22  UNSAFE_LINKS            page.links.UnsafeMarkdownLinks: [x](javascript:...), text to
                                markdown-it, a link again for the URL rule to refuse
    23  ATTR_LISTS              page.attrlists.KramdownAttrLists: {: .button} on what precedes it
    24  SITE_LINKS              page.links.SiteLinks: /data -> a dassco:page reference (after
                                Locale: translated paragraphs are parsed again by MyST)
    25  RAW_IMAGES              page.images.RawSiteImages: <img src="/assets/..."> in raw
                                HTML -> an image node (after Locale, before images are collected)

Writing a page: post-transforms::

   400  HERO_TITLE              page.hero.HeroTitleIntoHero (HTML only): the H1 into the hero,
                                after the environment has recorded it as the page title
   800  URL_RULE                page.urlrule.OneUrlRule: every link and raw HTML link judged by
                                one scheme rule, after every other step that makes links

Events (Sphinx calls handlers by priority, default 500)::

     0  (envvars.check_epoch)   config-inited: SOURCE_DATE_EPOCH checked before Sphinx's own
                                handler (correct_copyright_year, 800) reads it
     0  (page.encoding)         source-read: a page read byte for byte decoded, before anyone reads it

   300  INTERFACE_WORDS         html-page-context: the templates' gettext without the site's bad
                                sphinx.po entries (i18n.languages), before any handler uses it
   400  CONFIG_VALIDATE         config-inited: ``dassco_*`` values validated before anyone reads them
   400  LANGUAGE_LINKS          html-page-context: switcher and hreflang before the theme's handlers
   450  LISTINGS                doctree-resolved: page.listings.ResolveListings, news/team/partners
                                cards from the translated page records (after every page was read),
                                before other extensions' handlers see the page
   500  (default)               builder-inited: interrupted removes the ``.buildinfo`` a killed
                                build may have cut short, before Sphinx reads it
   500  (default)               builder-inited: i18n.catalogs reads every translated language's
                                changed catalogs once, before pages are read
   600  PAGE_IMAGES             doctree-read: images judged by their header, after Sphinx's
                                ImageCollector (500) has found each image's file
   900  PACKAGE_CATALOGS        config-inited: the package's catalogs compiled for the language the
                                configuration ends with (after every other handler may have set
                                it), before the builder starts (its templates take the translator);
                                then the site's own sphinx.po / dassco.po judged (i18n.languages)

"""

from __future__ import annotations

BUILD_HERO = 15
TRANSLATE_FRONT_MATTER = 17
SAFE_TRANSLATIONS = 19
LOCALE = 20  #: Sphinx's ``Locale`` (for reference; not ours)
MARK_SOURCE_LANGUAGE = 21
UNSAFE_LINKS = 22
ATTR_LISTS = 23
SITE_LINKS = 24
RAW_IMAGES = 25

HERO_TITLE = 400
URL_RULE = 800

INTERFACE_WORDS = 300
CONFIG_VALIDATE = 400
LANGUAGE_LINKS = 400
LISTINGS = 450

# --- what the steps hand each other ----------------------------------------------------------
# Node attributes, classes and per-page data one module sets and another reads: named here,
# so that a search for the name finds every module of the chain.

#: Node attribute: the front-matter key a node was made from (``title``, ``description``,
#: ``preTitle``, ``imageAlt``, ``imageLicense``, ``cta``). Set by page.hero; read by
#: i18n.extraction (the ``msgctxt``), i18n.frontmatter (translating it) and page.records.
FRONT_MATTER_KEY = "dassco_key"
#: Node attribute: the text to look a front-matter node up by in the catalogs, recorded by
#: i18n.frontmatter before smart quotes change the shown text (and Locale is kept from it).
FRONT_MATTER_MSGID = "dassco_msgid"
#: Class of the hero's image: page.hero sets it; page.records (``og:image``) and pdf.builder
#: (the brief's cover) find the page's hero image by it. Also a themer's hook (README).
HERO_IMAGE_CLASS = "dassco-hero-image"
#: Node attribute: a message whose translation i18n.fallback refused (kept from Locale by
#: ``translatable = False``); i18n.extraction offers it to the ``gettext`` builder again.
REFUSED_TRANSLATION = "dassco_refused"
#: ``env.temp_data`` key: the page's validated front matter, from page.frontmatter to page.records.
FRONT_MATTER_DATA = "dassco_front_matter"
PACKAGE_CATALOGS = 900
PAGE_IMAGES = 600
