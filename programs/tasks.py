"""Celery tasks: thin wrappers that load by id and call the services."""

from celery import shared_task

from . import anstand, kept_uploads, sending


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def notify_recipients(self, remiss_id: int) -> int:
    """E-mail every not yet notified recipient of a sent remiss (idempotent)."""
    try:
        return sending.notify_pending_recipients(remiss_id)
    except Exception as error:  # SMTP trouble: try again later; claims were released
        raise self.retry(exc=error) from error


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def notify_anstand_decision(self, request_id: int) -> bool:
    """Tell the requester whether the anstånd was granted."""
    try:
        return anstand.send_decision_mail(request_id)
    except Exception as error:
        raise self.retry(exc=error) from error


@shared_task(name="programs.prune_kept_uploads")
def prune_kept_uploads() -> int:
    """Delete files kept for a failed remiss form that were never taken back."""
    return kept_uploads.prune_kept_uploads()
