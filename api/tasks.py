"""Celery tasks of the API: webhook deliveries with retries and exponential backoff."""

from celery import shared_task

from . import webhooks


@shared_task(bind=True, name="api.deliver_webhook", max_retries=None, acks_late=True)
def deliver_webhook(self, delivery_id: int) -> bool:
    outcome = webhooks.deliver(delivery_id)
    if outcome.retry_in is not None:
        raise self.retry(countdown=outcome.retry_in)
    return outcome.delivered
