"""Every string the code marks for translation has a Kyrgyz and a Russian translation."""

from hrdesk import i18n, i18n_catalog


def test_every_string_is_translated_in_kyrgyz_and_russian():
    template = i18n_catalog.extract()
    assert len(template) > 50
    for language in ("ky", "ru"):
        missing = i18n_catalog.missing(language, template)
        assert not missing, f"{len(missing)} strings untranslated in {language}, e.g. {missing[:5]}"


def test_english_catalog_lists_every_string():
    template = i18n_catalog.extract()
    assert not i18n_catalog.missing("en", template)


def test_placeholders_survive_translation():
    """A translation must keep every {placeholder} of its source, or .format() fails at run time."""
    import re

    for language in ("ky", "ru"):
        for message in i18n_catalog.read_catalog(language):
            if not message.id or not message.string:
                continue
            source = message.id[0] if isinstance(message.id, tuple) else message.id
            target = message.string[0] if isinstance(message.string, tuple) else message.string
            wanted = set(re.findall(r"\{(\w+)\}", source))
            got = set(re.findall(r"\{(\w+)\}", target))
            assert wanted == got, f"{language}: {source!r} -> {target!r}"


def test_switching_language_translates_at_use_time():
    try:
        i18n.set_language("ru")
        ru = i18n._("Staff")
        i18n.set_language("ky")
        ky = i18n._("Staff")
        assert ru == "Сотрудники" and ky == "Кызматкерлер"
    finally:
        i18n.set_language("en")
