"""Werkteam pages: the public team page and, for its coordinators, everything inline with HTMX.

Every management view looks the team up with `werkteam_get_beheerbaar` (404 for someone
else's team, as for a missing one) and every nested object through its team (404 for another
team's id). Starting a team and naming its coordinators need the administrator role (403).

One module per section of the team page: `team`, `leden`, `bijeenkomsten` and `leren`;
`gedeeld` holds the form flow they share. urls.py imports from here.
"""

from .aanwezigheid import aanwezigheid_export_view, aanwezigheid_matrix_view
from .beheer import werkteam_beheer_list_view, werkteam_beheer_view
from .bijeenkomsten import (
    aanwezigheid_view,
    afmelden_view,
    bijeenkomst_cancel_view,
    bijeenkomst_detail_view,
    bijeenkomst_edit_view,
    bijeenkomst_plan_view,
    leerdoel_create_view,
    leerdoelen_view,
    verslag_publish_view,
    verslag_view,
    verslagpunt_create_view,
    verslagpunt_toggle_view,
)
from .gedeeld import SECTIE_CONTEXT
from .leden import (
    lid_create_view,
    lid_edit_view,
    lid_end_view,
    lid_handover_view,
    lid_login_view,
    samenstelling_view,
)
from .leren import (
    activiteit_create_view,
    leeropbrengst_bewijs_view,
    leeropbrengst_create_view,
    mijn_werkteams_view,
)
from .personen import (
    persoon_duplicaten_view,
    persoon_edit_view,
    persoon_list_view,
    persoon_merge_choose_view,
    persoon_merge_view,
)
from .tabs import (
    team_activiteiten_view,
    team_bijeenkomsten_view,
    team_leden_view,
    team_leren_view,
)
from .team import (
    werkteam_coordinatoren_view,
    werkteam_create_view,
    werkteam_detail_view,
    werkteam_edit_view,
    werkteam_list_view,
)

__all__ = [
    "persoon_duplicaten_view",
    "persoon_edit_view",
    "persoon_list_view",
    "persoon_merge_choose_view",
    "persoon_merge_view",
    "werkteam_beheer_list_view",
    "werkteam_beheer_view",
    "team_activiteiten_view",
    "team_bijeenkomsten_view",
    "team_leden_view",
    "team_leren_view",
    "SECTIE_CONTEXT",
    "aanwezigheid_export_view",
    "aanwezigheid_matrix_view",
    "aanwezigheid_view",
    "activiteit_create_view",
    "afmelden_view",
    "bijeenkomst_cancel_view",
    "bijeenkomst_detail_view",
    "bijeenkomst_edit_view",
    "bijeenkomst_plan_view",
    "leerdoel_create_view",
    "leerdoelen_view",
    "leeropbrengst_bewijs_view",
    "leeropbrengst_create_view",
    "lid_create_view",
    "lid_edit_view",
    "lid_end_view",
    "lid_handover_view",
    "lid_login_view",
    "mijn_werkteams_view",
    "samenstelling_view",
    "verslag_publish_view",
    "verslag_view",
    "verslagpunt_create_view",
    "verslagpunt_toggle_view",
    "werkteam_coordinatoren_view",
    "werkteam_create_view",
    "werkteam_detail_view",
    "werkteam_edit_view",
    "werkteam_list_view",
]
