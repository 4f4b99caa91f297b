"""Writes of werkteams: members and hand-overs, meetings and invitations, minutes, outcomes.

Every function is one short transaction; mail goes through the kern outbox
(`bericht_queue`) with an idempotency key, so a retried call sends nothing twice.

One module per section: `team` (a team and its coordinators), `leden` (memberships),
`bijeenkomsten` (planning, changing, cancelling), `uitnodigingen` (every mail to a meeting's
invitees, the calendar file, reminders), `verslag` (attendance, minutes, goals) and `leren`
(learning outcomes, activities). Callers import from here.
"""

from ..regels import WerkteamFout, datums_check, serie_eind_check
from .beheer import werkteam_beheer_update
from .bijeenkomsten import (
    MAX_SERIE,
    bijeenkomst_cancel,
    bijeenkomst_update,
    bijeenkomsten_plan,
    serie_data,
)
from .kalender import ics_maken, ics_serie_maken
from .leden import (
    lid_login_invite,
    lidmaatschap_create,
    lidmaatschap_end,
    lidmaatschap_handover,
    lidmaatschap_update,
    uitnodigingen_intrekken,
)
from .leren import activiteit_create, leeropbrengst_create
from .personen import personen_merge, persoon_update
from .team import GERESERVEERDE_SLUGS, werkteam_coordinatoren_set, werkteam_create, werkteam_update
from .uitnodigingen import (
    afmeld_url,
    bijeenkomst_uitnodigen,
    genodigden_mail,
    herinnering_send,
    herinneringen_due_ids,
    herinneringen_sweep,
    serie_uitnodigingen_send,
    uitnodigingen_send,
)
from .verslag import (
    aanwezigheid_afmelden,
    aanwezigheid_record,
    leerdoel_create,
    leerdoelen_assess,
    verslag_publish,
    verslag_update,
    verslagpunt_create,
    verslagpunt_toggle,
)

__all__ = [
    "persoon_update",
    "personen_merge",
    "werkteam_beheer_update",
    "GERESERVEERDE_SLUGS",
    "MAX_SERIE",
    "WerkteamFout",
    "aanwezigheid_afmelden",
    "aanwezigheid_record",
    "activiteit_create",
    "afmeld_url",
    "bijeenkomst_cancel",
    "bijeenkomst_uitnodigen",
    "bijeenkomst_update",
    "bijeenkomsten_plan",
    "datums_check",
    "genodigden_mail",
    "herinnering_send",
    "herinneringen_due_ids",
    "herinneringen_sweep",
    "ics_maken",
    "ics_serie_maken",
    "leerdoel_create",
    "leerdoelen_assess",
    "leeropbrengst_create",
    "lid_login_invite",
    "lidmaatschap_create",
    "lidmaatschap_end",
    "lidmaatschap_handover",
    "lidmaatschap_update",
    "serie_data",
    "serie_eind_check",
    "serie_uitnodigingen_send",
    "uitnodigingen_intrekken",
    "uitnodigingen_send",
    "verslag_publish",
    "verslag_update",
    "verslagpunt_create",
    "verslagpunt_toggle",
    "werkteam_coordinatoren_set",
    "werkteam_create",
    "werkteam_update",
]
