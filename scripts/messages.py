"""Extract and compile the nl catalogues: one for the project, one per app.

Each app keeps its own catalogue (<app>/locale) holding the strings of its code and
of templates/<app>/, so work on one app never rewrites another app's translations.
Run through `make messages`.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["werkteams", "kenniscafes", "publicaties"]
SKIP = {".venv", "node_modules", "staticfiles", "media", "bench", "tests", "scripts", ".git"}


def ignore_patterns(app: str | None) -> list[str]:
    """Ignore everything outside what this catalogue covers."""
    patterns = [f"{name}/*" for name in SKIP]
    top_dirs = [p.name for p in ROOT.iterdir() if p.is_dir() and p.name not in SKIP]
    template_dirs = [p.name for p in (ROOT / "templates").iterdir() if p.is_dir()]
    if app is None:
        patterns += [f"{a}/*" for a in APPS] + [f"templates/{a}/*" for a in APPS]
    else:
        patterns += [f"{d}/*" for d in top_dirs if d not in {app, "templates"}]
        patterns += [f"templates/{d}/*" for d in template_dirs if d != app]
        patterns += ["templates/*.html", "templates/*.txt"]
    return patterns


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkplaats.settings")
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    for app in [None, *APPS]:
        locale = ROOT / (app or ".") / "locale"
        locale.mkdir(exist_ok=True)
        settings.LOCALE_PATHS = [str(locale.resolve())]
        call_command(
            "makemessages",
            locale=["nl"],
            ignore_patterns=ignore_patterns(app),
            no_obsolete=True,
            verbosity=0,
        )
    call_command("compilemessages", ignore_patterns=list(SKIP), verbosity=0)


if __name__ == "__main__":
    main()
