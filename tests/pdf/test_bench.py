"""The bench functions run and report what they measured (small sizes here)."""

from responses.models import Utlatande
from responses.pdf import bench


def test_render_timing_makes_about_ten_pages(db):
    result = bench.time_render_10_pages(repeat=1)
    assert 9 <= result["pages"] <= 12
    assert result["best"] > 0
    assert not Utlatande.objects.exists()  # rolled back


def test_export_timing_builds_the_file(db):
    result = bench.time_export_50(count=2)
    assert result["status"] == "done" and result["bytes"] > 0
    assert not Utlatande.objects.exists()
