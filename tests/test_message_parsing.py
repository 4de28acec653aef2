"""Which translated messages the build parses to judge them."""

from __future__ import annotations


def test_only_messages_that_can_hold_a_target_or_html_are_compared():
    """The build parses a message and its translation only where either side can hold
    markup (issue 12: any markup, judged on the parsed doctrees); plain words are accepted."""
    from dassco_ext.i18n.markup import judge, plain

    def never(text):
        raise AssertionError(f"parsed {text!r}")

    assert plain("Welcome.") and plain("Velkommen.")
    assert judge("Welcome.", "Velkommen.", never).ok
    for msgid, msgstr in [("See [data](/data).", "Se data."), ("Welcome.", "Velkommen <b>x</b>"),
                          ("Go", "Gå {.button}"), ("Go <https://dassco.dk>", "Gå"), ("Go *now*", "Gå nu")]:
        assert not (plain(msgid) and plain(msgstr))
