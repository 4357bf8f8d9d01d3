"""Render the imported seed answers to PDF and a PNG of their first page (for docs/).

Run after seed_demo:
    python manage.py shell -c "from responses.pdf.samples import render_samples; \
render_samples('docs/pdf')"
Needs pdftoppm (poppler-utils) for the PNGs.
"""

import shutil
import subprocess
from pathlib import Path

from django.utils.text import slugify

from responses.models import Utlatande

from .render import render_pdf


def render_samples(outdir: str, *, resolution: int = 70) -> list[Path]:
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    seeds = Utlatande.objects.filter(imported=True).select_related("organisation")
    for utlatande in seeds.order_by("organisation__name"):
        link = utlatande.links.select_related("recipient__remiss").first()
        year = link.recipient.remiss.remiss_date.year if link else "odaterad"
        stem = f"seed-{year}-{slugify(utlatande.organisation.forvaltning)}"
        pdf = out / f"{stem}.pdf"
        pdf.write_bytes(render_pdf(utlatande))
        written.append(pdf)
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-png", "-r", str(resolution), "-f", "1", "-l", "1",
                            "-singlefile", str(pdf), str(out / stem)], check=True)
            written.append(out / f"{stem}.png")
    return written
