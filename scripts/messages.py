"""Extract and compile the nl catalogues: one for the project, one per app.

Each app keeps its own catalogue (<app>/locale) holding the strings of its code and
of templates/<app>/, so work on one app never rewrites another app's translations;
everything else (werkplaats/, the other templates) goes to the project's locale/.
Run through `make messages`.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["werkteams", "kenniscafes", "publicaties"]
SKIP = [".venv", "node_modules", "staticfiles", "media", "bench", "tests", "scripts", ".git"]


def catalogue_for(path: Path) -> Path:
    """The locale folder a source file's strings belong to."""
    parts = path.resolve().relative_to(ROOT).parts
    if parts[0] in APPS:
        return ROOT / parts[0] / "locale"
    if parts[0] == "templates" and len(parts) > 2 and parts[1] in APPS:
        return ROOT / parts[1] / "locale"
    return ROOT / "locale"


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkplaats.settings")
    os.environ.setdefault("DEBUG", "1")  # a developer's tool: the embedded default settings
    import django
    from django.conf import settings
    from django.core.management import call_command
    from django.core.management.commands import makemessages

    django.setup()
    catalogues = [ROOT / "locale", *(ROOT / app / "locale" for app in APPS)]
    for locale in catalogues:
        locale.mkdir(exist_ok=True)
    settings.LOCALE_PATHS = [str(p) for p in catalogues]

    class Command(makemessages.Command):
        def find_files(self, root):
            files = super().find_files(root)
            for translatable in files:
                translatable.locale_dir = str(catalogue_for(Path(translatable.path)))
            return files

    call_command(
        Command(),
        locale=["nl"],
        ignore_patterns=[f"{d}/*" for d in SKIP],
        no_obsolete=True,
        verbosity=0,
    )
    call_command("compilemessages", ignore_patterns=SKIP, verbosity=0)


if __name__ == "__main__":
    main()
