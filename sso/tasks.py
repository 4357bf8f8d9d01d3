from celery import shared_task

from .provisioning import deactivate_unvouched


@shared_task(name="sso.deactivate_unvouched")
def deactivate_unvouched_task() -> int:
    """Daily: accounts the city's provider no longer vouches for are deactivated (logged)."""
    return deactivate_unvouched()
