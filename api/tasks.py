"""Celery tasks of the API: webhook deliveries with retries and exponential backoff."""

from celery import shared_task

from . import webhooks


@shared_task(bind=True, name="api.deliver_webhook", max_retries=None, acks_late=True)
def deliver_webhook(self, delivery_id: int) -> bool:
    outcome = webhooks.deliver(delivery_id)
    if outcome.retry_in is not None:
        if self.request.is_eager:
            # No worker (eager mode): apply() runs the returned retry at once, and no Retry
            # exception escapes into the caller's on_commit.
            return self.retry(countdown=outcome.retry_in, throw=False)
        raise self.retry(countdown=outcome.retry_in)
    return outcome.delivered
