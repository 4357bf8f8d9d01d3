"""Set the provider's state from JSON on stdin: clients, users with groups, removals."""

import json
import sys

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from oidc_provider.models import Client, ResponseType


class Command(BaseCommand):
    def handle(self, *args, **options):
        spec = json.load(sys.stdin)
        code = ResponseType.objects.get_or_create(value="code",
                                                  defaults={"description": "code"})[0]
        for c in spec.get("clients", []):
            client, _ = Client.objects.update_or_create(
                client_id=c["client_id"],
                defaults={"name": c["client_id"], "client_type": "confidential",
                          "client_secret": c["client_secret"], "jwt_alg": "RS256",
                          "require_consent": False, "reuse_consent": True,
                          "_redirect_uris": "\n".join(c["redirect_uris"]),
                          "_post_logout_redirect_uris": "\n".join(
                              c.get("post_logout_redirect_uris", [])),
                          "_scope": "openid email profile groups"})
            client.response_types.set([code])
        for u in spec.get("users", []):
            user, _ = User.objects.get_or_create(username=u["username"])
            user.first_name, user.last_name = u.get("first_name", ""), u.get("last_name", "")
            user.email = u.get("email", "")
            user.set_password(u["password"])
            user.save()
            user.groups.set([Group.objects.get_or_create(name=g)[0] for g in u["groups"]])
        User.objects.filter(username__in=spec.get("remove", [])).delete()
