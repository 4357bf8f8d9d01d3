"""Resolve each benchmark page to a URL and a logged-in session, inside Django.

Run by bench/run.py with DATABASE_URL of one generated city; prints JSON:
{"pages": [{"key", "label", "status", "url_name", "path", "cookie"}]}.
status is "ok", "saknas" (no such URL name yet) or "fel: ..." (the data did not fit).
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "remiss.settings")


def _reverse(url_name: str, kwargs: dict) -> str | None:
    """The path for the first argument style the URL accepts, or None."""
    from django.urls import NoReverseMatch, reverse

    for attempt in ({"kwargs": kwargs}, {"args": list(kwargs.values())}, {}):
        try:
            return reverse(url_name, **attempt)
        except NoReverseMatch:
            continue
    return None


def _url_exists(url_name: str) -> bool:
    from django.urls import get_resolver

    resolver = get_resolver()
    *namespaces, name = url_name.split(":")
    for ns in namespaces:
        if ns not in resolver.namespace_dict:
            return False
        resolver = resolver.namespace_dict[ns][1]
    return name in resolver.reverse_dict


def _session_cookie(user) -> str:
    from django.conf import settings
    from django.test import Client

    if user is None:
        return ""
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def ensure_archived_pdf() -> str | None:
    """Archive one besvarad answer as justering would, unless one is archived on disk.
    Returns why it could not (PDF archiving not landed), else None."""
    from bench.pages import archived_with_file
    from responses.models import State, Utlatande

    if archived_with_file() is not None:
        return None
    try:
        from responses.pdf import archive  # the PDF issue's service
    except ImportError:
        return "ingen arkivering av PDF ännu"
    archive_final_pdf = getattr(archive, "archive_final_pdf", None)
    if archive_final_pdf is None:
        return "ingen arkivering av PDF ännu"
    utlatande = (Utlatande.objects.filter(state=State.BESVARAD, archived_sha256="")
                 .order_by("-pk").first())
    archive_final_pdf(utlatande)
    return None


def prepare(pages) -> list[dict]:
    from bench.pages import bench_handlaggare, bench_slk

    users = {"handlaggare": bench_handlaggare(), "slk": bench_slk(), "none": None}
    result = []
    for page in pages:
        entry = {"key": page.key, "label": page.label, "status": "saknas", "url_name": None,
                 "path": None, "cookie": ""}
        result.append(entry)
        url_name = next((n for n in page.url_names if _url_exists(n)), None)
        if url_name is None:
            continue
        entry["url_name"] = url_name
        user = users[page.role]
        try:
            if page.key == "pdf":
                problem = ensure_archived_pdf()
                if problem:
                    entry["status"] = f"fel: {problem}"
                    continue
            kwargs = page.pick(user)
            user = kwargs.pop("_user", user)
        except Exception as exc:  # a picker that finds no fitting row
            entry["status"] = f"fel: {type(exc).__name__}: {exc}"
            continue
        path = _reverse(url_name, kwargs)
        if path is None:
            entry["status"] = f"fel: {url_name} tar andra argument än {sorted(kwargs)}"
            continue
        entry.update(status="ok", path=path + (f"?{page.query}" if page.query else ""),
                     cookie=_session_cookie(user), user=getattr(user, "username", None))
    return result


def main() -> None:
    import django

    django.setup()
    from bench.pages import CEILING, PAGES

    print(json.dumps({"pages": prepare([CEILING, *PAGES])}))


if __name__ == "__main__":
    main()
