"""Evidence files of learning outcomes: which kinds a team may upload (checked by content)."""

from django.utils.translation import gettext as _

from werkplaats.kern.bestanden import (
    AFBEELDINGEN,
    DOCUMENTEN,
    MB,
    TEKST,
    Bestandstype,
    bestand_check,
)

MAX_BEWIJS = 10 * MB
BEWIJS_SOORTEN = {
    **{extensie: DOCUMENTEN[extensie] for extensie in (".pdf", ".docx", ".xlsx", ".pptx", ".odt")},
    **AFBEELDINGEN,
    **TEKST,
}


def bewijs_check(bestand) -> Bestandstype:
    """Accept a PDF, office document, image or text file whose content matches its name."""
    return bestand_check(
        bestand,
        BEWIJS_SOORTEN,
        MAX_BEWIJS,
        verkeerd_type=_("This type of file is not accepted."),
        klopt_niet=_(
            "The content of this file does not match its name (%(extensie)s). "
            "Upload the original file."
        ),
        te_groot=_("The file is too large (at most 10 MB)."),
    )
