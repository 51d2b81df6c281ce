"""How a letter greets the doctor it goes to, as a letter in its language would.

* A name with a patronymic ("Садовская Наталья Олеговна", "Юрий Петрович Вайсман") is
  greeted by the first name and patronymic, as Russian and Ukrainian letters do, with the
  greeting agreeing with the doctor (the patronymic says whether a man or a woman): "Уважаемая
  Наталья Олеговна!"; in Ukrainian both names take the form for addressing someone
  ("Шановна Наталіє Олегівно!").
* A doctor recorded with a title is greeted by the title and family name ("Dear Dr. Weiß,",
  :func:`~.letter_facts.salutation`); one recorded without it, by the family name
  ("Thomas Achterberg, huisarts" is "Geachte dokter Achterberg,").
"""

from __future__ import annotations

import re

from ..i18n import current_language, tr, trc
from .letter_facts import _TITLES as TITLES
from .letter_facts import salutation

_TITLES = frozenset(("д-р", "др.", "проф.", "доктор", "лікар", "лікарка"))
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_MALE = ("вич", "ьич", "ич")  # Петрович, Ильич, Кузьмич
_FEMALE = ("вна", "чна", "ична")  # Петровна, Ильинична, Кузьминична


def _gender(word: str) -> str:
    """ "m" or "f" when ``word`` is a patronymic, else ""."""
    folded = word.casefold()
    if len(folded) < 5 or not _CYRILLIC.search(folded):
        return ""
    if folded.endswith(_FEMALE):
        return "f"
    if folded.endswith(_MALE):
        return "m"
    return ""


def patronymic_form(name: str) -> tuple[str, str] | None:
    """The first name and patronymic of ``name`` and "m" or "f" ("Садовская Наталья
    Олеговна" is ("Наталья Олеговна", "f")); None for a name without a patronymic."""
    words = [w for w in name.replace(",", " ").split() if w.casefold() not in _TITLES]
    for at in range(1, len(words)):
        gender = _gender(words[at])
        if gender:
            return f"{words[at - 1]} {words[at]}", gender
    return None


def greeting(name: str) -> str:
    """ "Dear …," for the doctor ``name`` (as recorded, title and all)."""
    found = patronymic_form(name)
    if found is not None:
        addressed, gender = found
        if current_language() == "uk":
            addressed = ukrainian_vocative(addressed, gender)
        if gender == "f":
            # Translators: greeting a woman by her first name and patronymic ("Наталья
            # Олеговна"): Russian "Уважаемая {name}!".
            return trc("greeting a woman", "Dear {name},", name=addressed)
        # Translators: greeting a man by his first name and patronymic ("Юрий Петрович"):
        # Russian "Уважаемый {name}!".
        return trc("greeting a man", "Dear {name},", name=addressed)
    words = name.split()
    if (words and words[0].casefold() in TITLES) or _CYRILLIC.search(name):
        return tr("Dear {name},", name=salutation(name))
    family = _family_name(name)
    if not family:
        return tr("Dear {name},", name=name)
    # Translators: greeting a doctor recorded without a title, by the family name
    # ("Achterberg"): Dutch "Geachte dokter {name},".
    return tr("Dear Dr. {name},", name=family)


def _family_name(name: str) -> str:
    """The family name of a name recorded without a title ("Thomas Achterberg, huisarts"
    is "Achterberg", "Pieter de Vries" is "de Vries"); "" when there is only one word."""
    bare = name.split(",")[0].strip()
    if len(bare.split()) < 2:
        return ""
    return salutation(f"Dr. {bare}").removeprefix("Dr. ")


# Ukrainian names take the vocative in a greeting ("Шановна Наталіє Олегівно!").
_UK_IRREGULAR = {"ігор": "Ігорю", "федір": "Федоре", "яків": "Якове", "лев": "Леве"}
_UK_VOWELS = "аеєиіїоуюя'’"


def ukrainian_vocative(addressed: str, gender: str) -> str:
    """ "Наталія Олегівна" as one is addressed: "Наталіє Олегівно" ("Юрій Петрович":
    "Юрію Петровичу"). A name it does not know how to change is left as it is."""
    first, _, patronymic = addressed.rpartition(" ")
    if not first:
        return addressed
    if gender == "f":
        patronymic = patronymic[:-1] + "о" if patronymic.endswith("на") else patronymic
        return f"{_uk_female(first)} {patronymic}"
    patronymic = patronymic + "у" if patronymic.endswith("ич") else patronymic
    return f"{_uk_male(first)} {patronymic}"


def _uk_female(name: str) -> str:
    if name.endswith("ія"):
        return name[:-1] + "є"  # Наталія, Марія
    if name.endswith("я"):
        return name[:-1] + ("є" if len(name) > 1 and name[-2] in _UK_VOWELS else "ю")  # Зоя, Оля
    if name.endswith("а"):
        return name[:-1] + "о"  # Галина, Інна
    return name


def _uk_male(name: str) -> str:
    irregular = _UK_IRREGULAR.get(name.casefold())
    if irregular:
        return irregular
    last = name[-1:]
    if last in "йь":
        return name[:-1] + "ю"  # Юрій, Сергій, Василь
    if last == "о":
        return name[:-1] + "е"  # Петро, Дмитро
    if last == "а":
        return name[:-1] + "о"  # Микола
    if last == "я":
        return name[:-1] + "е"  # Ілля
    if last in "гкх":
        return name + "у"  # Олег, Марк
    if last.isalpha() and last not in _UK_VOWELS:
        return name + "е"  # Тарас, Іван, Олександр
    return name


__all__ = ["greeting", "patronymic_form", "ukrainian_vocative"]
