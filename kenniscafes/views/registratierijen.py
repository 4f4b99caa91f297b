"""The rows of the organiser's registrations page, written out in Python (issue #13).

The template language spent ~10 ms on the 58 rows of a demo café (25 variable and tag
nodes a row, each a few microseconds); one f-string a row with its values escaped costs a
tenth of a millisecond for all of them. The page around the rows stays a template.

The rows carry no form of their own: the page wraps its table in one form (CSRF token and
`terug` once, not once a row), and each button names its row's address twice, as
`formaction` for a plain POST without JavaScript and as `hx-post` for htmx, which swaps the
row (`hx-target="closest tr"` on the tbody). tests/kenniscafes/test_registratierijen.py
holds the HTML of each kind of row.
"""

from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from werkplaats.kern.rijen import PLEK, keuze_labels, link_per_rij

from ..models import Aanmelding, Kenniscafe

# What the rows (and selectors_registraties.tellingen_uit) read, as values() dicts: a
# registration has dates, tokens and consents besides, and a model instance a row cost
# twice what the dicts cost to build (1.8 against 0.85 ms for 58 rows).
VELDEN = (
    "id",
    "naam",
    "email",
    "organisatie",
    "rol",
    "deelname",
    "status",
    "aanwezig",
    "is_inloop",
)
# And of its evaluation (a LEFT JOIN: None without one), for selectors_registraties.evaluatie_uit.
EVALUATIE_VELDEN = (
    "evaluatie__score",
    "evaluatie__meenemen",
    "evaluatie__opmerking",
    "evaluatie__aangemaakt",
)
B = Aanmelding.Status.BEVESTIGD
W = Aanmelding.Status.WACHTLIJST


def _teksten() -> dict[str, str]:
    """The words of every row, translated once per list instead of once per row."""
    return {
        "aanwezig": escape(_("Present")),
        "afwezig": escape(_("Absent")),
        "plaats": escape(_("Give a place")),
        "inloop": escape(_("walk-in")),
    }


def _aankondiging(a: dict, naam: str, melding: str | None = None) -> str:
    """What a screen reader hears after htmx swapped the row in (only on that response):
    the new state, or why the tap changed nothing."""
    if melding:
        return f' data-aankondiging="{naam}: {escape(melding)}"'
    if a["aanwezig"]:
        stand = _("present")
    elif a["aanwezig"] is False:
        stand = _("absent")
    else:
        stand = _("not marked")
    return f' data-aankondiging="{naam}: {escape(stand)}"'


def aanmelding_rijen_html(
    kenniscafe: Kenniscafe, aanmeldingen, *, aangekondigd: bool = False, melding: str | None = None
) -> SafeString:
    """The <tr> of each registration (dicts with VELDEN, see als_rij), as one piece of safe HTML."""
    t = _teksten()
    rollen, statussen = keuze_labels(Aanmelding.Rol), keuze_labels(Aanmelding.Status)
    deelnames = keuze_labels(Aanmelding.Deelname)
    aanwezig_url = link_per_rij("kenniscafes:aanmelding_attendance", kenniscafe.slug, PLEK)
    plaats_url = link_per_rij("kenniscafes:aanmelding_promote", kenniscafe.slug, PLEK)
    hybride = kenniscafe.vorm == Kenniscafe.Vorm.HYBRIDE
    rijen = []
    for a in aanmeldingen:
        naam, organisatie = escape(a["naam"]), escape(a["organisatie"])
        inloop = f' <span class="label">{t["inloop"]}</span>' if a["is_inloop"] else ""
        rol = escape(rollen.get(a["rol"], a["rol"]))
        if hybride:
            rol += f'<br><span class="metadata">{escape(deelnames.get(a["deelname"], a["deelname"]))}</span>'
        status = escape(statussen.get(a["status"], a["status"]))
        if a["status"] == W:
            status += (
                f'<br><button type="submit" formaction="{plaats_url(a["id"])}" class="knop knop--link">'
                f'{t["plaats"]}<span class="visueel-verborgen"> {naam}</span></button>'
            )
        if a["status"] == B:
            url = aanwezig_url(a["id"])
            ja, nee = a["aanwezig"] is True, a["aanwezig"] is False
            aanwezigheid = (
                f'<div class="aanwezigheid">'
                f'<button type="submit" formaction="{url}" hx-post="{url}" name="aanwezig" value="ja"'
                f' class="knop knop--klein{" is-gekozen" if ja else " knop--secundair"}"'
                f' aria-pressed="{"true" if ja else "false"}">'
                f'{t["aanwezig"]}<span class="visueel-verborgen"> {naam}</span></button>\n'
                f'          <button type="submit" formaction="{url}" hx-post="{url}" name="aanwezig"'
                f' value="nee" class="knop knop--klein{" is-gekozen" if nee else " knop--secundair"}"'
                f' aria-pressed="{"true" if nee else "false"}">'
                f'{t["afwezig"]}<span class="visueel-verborgen"> {naam}</span></button></div>'
            )
        else:
            aanwezigheid = "–"
        rijen.append(
            f'<tr id="aanmelding-{a["id"]}"{_aankondiging(a, naam, melding) if aangekondigd else ""}>\n'
            f'      <td>{naam or "–"}{inloop}<br><span class="metadata">{escape(a["email"])}</span></td>\n'
            f"      <td>{organisatie}</td>\n"
            f"      <td>{rol}</td>\n"
            f"      <td>{status}</td>\n"
            f"      <td>{aanwezigheid}</td>\n"
            f"    </tr>\n"
        )
    # Every value above went through escape(); labels and links are our own.
    return mark_safe("    " + "    ".join(rijen) if rijen else "")


def evaluatie_antwoorden_html(antwoorden: list[dict]) -> SafeString:
    """The <li> of each answer to 'wat neem je mee?' (dicts of selectors_registraties'
    evaluation summary): score, what the visitor takes away and their remark."""
    items = []
    for antwoord in antwoorden:
        opmerking = antwoord["opmerking"]
        opmerking = f' <span class="metadata">({escape(opmerking)})</span>' if opmerking else ""
        items.append(f"<li>{antwoord['score']} – {escape(antwoord['meenemen'])}{opmerking}</li>")
    # The score is a whole number; every text went through escape().
    return mark_safe("".join(items))


def als_rij(aanmelding: Aanmelding) -> dict:
    """One registration as the rows read it (for the row an htmx tap swaps back)."""
    return {veld: getattr(aanmelding, veld) for veld in VELDEN}
