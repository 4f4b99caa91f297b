"""Raw lists for beheerders: every row of a period, formatted by the database and read
from a server-side cursor in chunks, so any size streams in bounded memory.
"""

from django.conf import settings
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    DateTimeField,
    ExpressionWrapper,
    F,
    Func,
    Value,
    When,
)
from django.db.models.functions import NullIf
from django.http import Http404
from django.utils.translation import gettext as _

from kenniscafes.models import Aanmelding
from werkplaats.kern.models import Sector
from werkteams.models import (
    Aanwezigheid,
    Bijeenkomst,
    Lidmaatschap,
)

from .rapport import Verslagperiode
from .secties import actieve_lidmaatschappen

# --- raw lists for beheerders --------------------------------------------------------------

RUW_AANMELDINGEN = "aanmeldingen"
RUW_AANWEZIGHEID = "aanwezigheid"
RUW_LIDMAATSCHAPPEN = "lidmaatschappen"
RUWE_LIJSTEN = [RUW_AANMELDINGEN, RUW_AANWEZIGHEID, RUW_LIDMAATSCHAPPEN]
RUW_CHUNK = 5000
CSV = "csv"
XLSX = "xlsx"


def _keuze_sql(veld: str, choices, leeg=None):
    """A choice code turned into its label by the database (CASE ... WHEN), NULL when empty."""
    return Case(
        *[When(**{veld: code}, then=Value(str(label))) for code, label in choices if code],
        default=Value(leeg) if leeg is not None else NullIf(F(veld), Value("")),
        output_field=CharField(),
    )


def _ja_nee_sql(veld: str):
    return Case(
        When(**{veld: True}, then=Value(str(_("yes")))),
        When(**{veld: False}, then=Value(str(_("no")))),
        default=None,
        output_field=CharField(),
    )


def _tijd_sql(veld: str, formaat: str, alleen_datum: bool = False):
    """A timestamp as local time, converted by PostgreSQL: text for CSV, naive for Excel.

    Converting a million values in the database is much cheaper than in Python. On
    SQLite (make run) the value stays as it is and the file writers convert it.
    """
    if connection.vendor != "postgresql":
        return F(veld)
    lokaal = Func(Value(settings.TIME_ZONE), F(veld), function="timezone")
    if formaat == XLSX:
        return ExpressionWrapper(lokaal, output_field=DateTimeField())
    masker = "DD-MM-YYYY" if alleen_datum else "DD-MM-YYYY HH24:MI"
    return Func(lokaal, Value(masker), function="to_char", output_field=CharField())


def _datum_sql(veld: str, formaat: str):
    """A date column: text DD-MM-YYYY for CSV (PostgreSQL), the date itself for Excel."""
    if connection.vendor != "postgresql" or formaat == XLSX:
        return F(veld)
    return Func(F(veld), Value("DD-MM-YYYY"), function="to_char", output_field=CharField())


def ruwe_lijst_aantal(soort: str, p: Verslagperiode) -> int:
    """How many rows a raw list has (for the progress of its export)."""
    if soort == RUW_AANMELDINGEN:
        return Aanmelding.objects.filter(
            kenniscafe__start__date__gte=p.start, kenniscafe__start__date__lte=p.eind
        ).count()
    if soort == RUW_AANWEZIGHEID:
        return Aanwezigheid.objects.filter(
            bijeenkomst__start__date__gte=p.start, bijeenkomst__start__date__lte=p.eind
        ).count()
    return actieve_lidmaatschappen(p).count()


def _rijen(qs, velden: dict):
    """Rows as tuples straight from a server-side cursor, a chunk at a time."""
    return (
        qs.annotate(**{f"k_{naam}": expr for naam, expr in velden.items()})
        .values_list(*[f"k_{naam}" for naam in velden])
        .iterator(chunk_size=RUW_CHUNK)
    )


def _op_datum_in(model, tijdstip: str, p: Verslagperiode):
    """Rows of `model` whose `tijdstip` falls on a date in the period, in that order."""
    return model.objects.filter(
        **{f"{tijdstip}__date__gte": p.start, f"{tijdstip}__date__lte": p.eind}
    ).order_by(tijdstip, "pk")


def ruwe_lijst(soort: str, p: Verslagperiode, formaat: str = CSV) -> tuple[str, list[str], object]:
    """(title, column names, lazy row iterator) of a raw list. Beheerders only.

    Rows come from a server-side cursor in chunks (`iterator(chunk_size=...)`), never all
    at once; labels and local times are computed by the database so Python only copies.
    Registrations leave out names and e-mail addresses: the report needs none (AVG).
    """
    if soort == RUW_AANMELDINGEN:
        qs = _op_datum_in(Aanmelding, "kenniscafe__start", p)
        velden = {
            _("ID"): F("pk"),
            _("Café"): F("kenniscafe__titel"),
            _("Date of the café"): _tijd_sql("kenniscafe__start", formaat),
            _("Status"): _keuze_sql("status", Aanmelding.Status.choices),
            _("Role"): _keuze_sql("rol", Aanmelding.Rol.choices),
            _("Sector"): _keuze_sql("sector", Sector.choices),
            _("Region"): _keuze_sql("regio", Aanmelding.Regio.choices),
            _("Taking part"): _keuze_sql("deelname", Aanmelding.Deelname.choices),
            _("Study programme"): NullIf(F("opleiding"), Value("")),
            _("Present"): _ja_nee_sql("aanwezig"),
            _("Walk-in"): _ja_nee_sql("is_inloop"),
            _("Registered at"): _tijd_sql("aangemaakt", formaat),
        }
        titel = _("Registrations")
    elif soort == RUW_AANWEZIGHEID:
        qs = _op_datum_in(Aanwezigheid, "bijeenkomst__start", p)
        velden = {
            _("Work team"): F("bijeenkomst__werkteam__naam"),
            _("Meeting"): F("bijeenkomst__titel"),
            _("Start"): _tijd_sql("bijeenkomst__start", formaat),
            _("Status of the meeting"): _keuze_sql(
                "bijeenkomst__status", Bijeenkomst.Status.choices
            ),
            _("Member"): F("lidmaatschap__persoon__naam"),
            _("Organisation"): F("lidmaatschap__persoon__organisatie__naam"),
            _("Role"): _keuze_sql("lidmaatschap__rol", Lidmaatschap.Rol.choices),
            _("Attendance"): _keuze_sql("status", Aanwezigheid.Status.choices),
        }
        titel = _("Attendance")
    elif soort == RUW_LIDMAATSCHAPPEN:
        qs = actieve_lidmaatschappen(p).order_by("werkteam__naam", "start", "pk")
        velden = {
            _("Work team"): F("werkteam__naam"),
            _("Member"): F("persoon__naam"),
            _("Organisation"): F("persoon__organisatie__naam"),
            _("Sector"): _keuze_sql("persoon__organisatie__sector", Sector.choices),
            _("Role"): _keuze_sql("rol", Lidmaatschap.Rol.choices),
            _("Core group"): _ja_nee_sql("kerngroep"),
            _("Start"): _datum_sql("start", formaat),
            _("End"): _datum_sql("eind", formaat),
        }
        titel = _("Memberships")
    else:
        raise Http404
    return titel, [str(k) for k in velden], _rijen(qs, dict(enumerate(velden.values())))
