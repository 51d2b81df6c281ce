"""What the Send to the Second Doctor dialog says: what will go in, before anything is
written, and what went in, once the bundle is complete; in the window's language."""

from __future__ import annotations

from ...core.bidi import isolate, left_to_right
from ...core.document_language import language_name
from ...core.handover.bundle_result import BundleResult
from ...core.handover.contents import BundleContents
from ...core.i18n import LANGUAGE_NAMES, LANGUAGES, ntr, tr
from ...core.sizes import human_size


def language_label(code: str) -> str:
    """A language in the list: the program's own by their own names, another by its name
    here, saying that the letters will then be in English."""
    if code in LANGUAGES:
        return LANGUAGE_NAMES[code]
    return tr("{language} (letters in English)", language=language_name(code))


def contents_words(contents: BundleContents, size: int) -> str:
    """ "The cover letter, the brief and the packet; 10 documents; …; about 12 MB." """
    parts = [
        tr("the cover letter, the consultation brief and the packet"),
        ntr("{n} document as it came", "{n} documents as they came", len(contents.documents)),
    ]
    into = language_name(contents.language)
    if contents.translations:
        parts.append(
            ntr(
                "{n} translation into {language}",
                "{n} translations into {language}",
                len(contents.translations),
                language=into,
            )
        )
    if contents.studies:
        parts.append(ntr("{n} imaging disc", "{n} imaging discs", len(contents.studies)))
    lines = [
        tr(
            "It will hold {parts}, and a list of contents: about {size}.",
            parts="; ".join(parts),
            size=human_size(size),
        )
    ]
    if contents.untranslated:
        lines.append(
            ntr(
                "{n} document is not yet translated into {language}: the list says which.",
                "{n} documents are not yet translated into {language}: the list says which.",
                len(contents.untranslated),
                language=into,
            )
        )
    if contents.not_kept:
        lines.append(
            ntr(
                "{n} imaging study is only listed in the dossier: send its disc itself.",
                "{n} imaging studies are only listed in the dossier: send their discs themselves.",
                len(contents.not_kept),
            )
        )
    if contents.separately:
        lines.append(
            ntr(
                "{n} item (slides, films, discs) goes separately: the letter says where it is.",
                "{n} items (slides, films, discs) go separately: the letter says where they are.",
                len(contents.separately),
            )
        )
    return "\n".join(lines)


def done_words(result: BundleResult, recorded: bool) -> str:
    """What was written, where, what was left out and why, in a few plain lines."""
    plan, done = result.plan, result.outcome
    kind = tr("zip file") if result.as_zip else tr("folder")
    lines = [
        tr(
            "Written to the {kind} {path}: {what} ({size}).",
            kind=kind,
            path=left_to_right(str(result.path)),
            what=result.summary(),
            size=human_size(result.size),
        )
    ]
    if plan.in_english_instead:
        lines.append(
            tr(
                "The letters are in English: the program does not write {language}.",
                language=language_name(plan.language),
            )
        )
    if done.left_out:
        items = [tr("Left out, because their files cannot be used:")]
        items.extend(
            tr("• {title}: {reason}", title=isolate(item.title), reason=item.short)
            for item in done.left_out
        )
        lines.append("\n".join(items))
    if plan.contents.untranslated:
        lines.append(
            ntr(
                "{n} document is not yet translated into {language}.",
                "{n} documents are not yet translated into {language}.",
                len(plan.contents.untranslated),
                language=language_name(plan.language),
            )
        )
    lines.append(tr("CONTENTS.txt in it lists every file, and what is sent separately."))
    if recorded:
        lines.append(tr("Recorded as sent to {doctor} today.", doctor=isolate(plan.doctor)))
    elif result.hand_over_problem:
        lines.append(tr("Not recorded as sent: {reason}", reason=result.hand_over_problem))
    return "\n\n".join(lines)


__all__ = ["contents_words", "done_words", "language_label"]
