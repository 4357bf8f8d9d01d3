"""Signing and Verifiera also work where the thread already runs an event loop (ASGI, the
browser tests' Playwright): pyHanko's asyncio.run() then goes to a worker thread."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from weasyprint import HTML

from archive.signers import SignatureRequest, get_signer
from archive.verification import verify_pdf


def test_sign_and_verify_inside_a_running_event_loop(signing):
    pdf = HTML(string="<p>§ 1</p>").write_pdf(pdf_variant="pdf/a-3u")

    async def inside():
        signed = get_signer().sign(pdf, SignatureRequest("Justering1", "Ulla Ek", "Justerare",
                                                         "Justerare: justering"))
        return verify_pdf(signed)

    # A fresh thread for the loop: this one may run Playwright's loop already.
    with ThreadPoolExecutor(1) as pool:
        report = pool.submit(asyncio.run, inside()).result()
    assert report.ok and [s.signer_name for s in report.signatures] == ["Ulla Ek"]
