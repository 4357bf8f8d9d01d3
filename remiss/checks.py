"""`manage.py check --deploy`: refuse to call a site ready while demo passwords remain."""

from django.conf import settings
from django.core import checks
from django.db import DatabaseError
from django.db.models import Q


@checks.register(checks.Tags.security, deploy=True)
def demo_password_in_use(app_configs=None, **kwargs):
    """An error while a demo user, or any staff or administrator account, still has the
    demo password. Checking means hashing once per user, so the check looks at the accounts
    seed_demo creates and at every account with extra rights, not at all users."""
    from organisations.models import Role, User
    from responses.demo import DEMO_USERS

    demo_names = [row[0] for row in DEMO_USERS]
    try:
        candidates = list(User.objects.filter(
            Q(username__in=demo_names) | Q(is_staff=True) | Q(is_superuser=True)
            | Q(role=Role.ADMINISTRATOR)).only("username", "password"))
    except DatabaseError:
        return []  # no database yet (before migrate): nothing to check
    found = sorted(u.username for u in candidates if u.check_password(settings.DEMO_PASSWORD))
    if not found:
        return []
    names = ", ".join(found[:10]) + (" …" if len(found) > 10 else "")
    return [checks.Error(
        f"Demolösenordet används fortfarande av {len(found)} konto(n): {names}.",
        hint="Byt lösenord eller ta bort kontona (manage.py changepassword) innan driften "
             "startar; inloggning med demolösenordet vägras redan när DEBUG är avstängt.",
        id="remiss.E001")]
