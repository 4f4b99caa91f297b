"""What an HTMX request wants back."""


def wil_fragment(request) -> bool:
    """True for an HTMX swap; a history restore (back button) wants the whole page.

    Our htmx config sends history restores as plain requests
    (historyRestoreAsHxRequest=false), but other clients may still send both headers.
    """
    return bool(request.headers.get("HX-Request")) and not request.headers.get(
        "HX-History-Restore-Request"
    )
