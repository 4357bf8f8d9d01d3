"""python manage.py api_token create --name NAME --organisation SHORT --scopes read[,write]
python manage.py api_token revoke PREFIX
python manage.py api_token list"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from api import services
from api.models import ApiKey
from organisations.models import Organisation


class Command(BaseCommand):
    help = "Skapa, lista och återkalla API-nycklar (nyckeln visas bara när den skapas)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Skapa en nyckel och skriv ut den en gång.")
        create.add_argument("--name", required=True)
        create.add_argument("--organisation", required=True, help="Organisationens kortnamn.")
        create.add_argument("--scopes", default="read", help="read, write eller read,write")
        revoke = sub.add_parser("revoke", help="Återkalla en nyckel (går inte att ångra).")
        revoke.add_argument("prefix")
        sub.add_parser("list", help="Lista nycklarna (utan själva nyckeln).")

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _create(self, *, name, organisation, scopes, **_):
        org = Organisation.objects.filter(short=organisation).first()
        if org is None:
            raise CommandError(f"Ingen organisation med kortnamnet {organisation!r}.")
        try:
            _key, key = services.api_key_create(name=name, organisation=org, scopes=scopes)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        # Only the key on stdout, so a script can capture it; the rest on stderr.
        self.stderr.write(f"API-nyckel för {name} ({org.short}, {scopes}). Spara den nu, "
                          "den visas inte igen:")
        self.stdout.write(key)

    def _revoke(self, *, prefix, **_):
        api_key = ApiKey.objects.filter(prefix=prefix).first()
        if api_key is None:
            raise CommandError(f"Ingen nyckel med prefixet {prefix!r}.")
        services.api_key_revoke(api_key=api_key)
        self.stdout.write(f"Återkallad: {api_key.prefix} {api_key.name}")

    def _list(self, **_):
        for api_key in ApiKey.objects.select_related("organisation").order_by("created"):
            state = "återkallad" if api_key.revoked else "aktiv"
            self.stdout.write(f"{api_key.prefix}\t{api_key.name}\t{api_key.organisation.short}"
                              f"\t{api_key.scopes}\t{state}")
