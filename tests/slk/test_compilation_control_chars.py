"""An answer stored with Word field codes (from before input was cleaned, or from an
import) does not break the remissammanställning: the XLSX opens and shows the field's
visible result."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from responses.models import State, Utlatande

FIELD = "Se avsnitt \x13 REF _Ref1 \\h \x14 2.1\x15 och bilaga\x07 1."


def test_xlsx_with_word_field_codes_in_an_answer(slk_client, remiss, make_answer):
    kun = remiss.recipients.get(organisation__short="kun")
    answer = make_answer(kun, state=State.BESLUTAD)
    sections = [{**s, "html": f"<p>{FIELD}</p>"} for s in answer.sections]
    # Stored as it was before input was cleaned: as old data or an import would.
    Utlatande.objects.filter(pk=answer.pk).update(sections=sections)

    for fmt in ("xlsx", "csv"):
        response = slk_client.get(reverse("programs:compilation", args=[remiss.pk, fmt]))
        assert response.status_code == 200
    xlsx = slk_client.get(reverse("programs:compilation", args=[remiss.pk, "xlsx"]))
    rows = list(load_workbook(io.BytesIO(xlsx.content))["Remissammanställning"]
                .iter_rows(values_only=True))
    kun_row = next(r for r in rows if r[0] == "Kulturnämnden")
    texts = [" ".join(c.split()) for c in kun_row if isinstance(c, str)]
    assert "Se avsnitt 2.1 och bilaga 1." in texts
