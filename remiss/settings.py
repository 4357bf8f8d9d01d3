"""Settings for Remiss: one module, driven by environment variables.

Defaults give a development setup that needs nothing installed (SQLite, an
embedded Celery broker under var/). Production sets DEBUG=false, SECRET_KEY,
DATABASE_URL (PostgreSQL) and CELERY_BROKER_URL (Redis); see docs/operations.md.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("REMISS_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY måste anges när DEBUG är avstängt.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "simple_history",
    "axes",
    "csp",
    "django_celery_beat",
    "organisations",
    "programs",
    "responses",
    "reminders",
    "meetings",
    "tracking",
    # The REST API for the diarium and other systems (api/, docs/operations.md).
    "rest_framework",
    "rest_framework_api_key",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
    # Login with the city's account (OpenID Connect / SAML), see docs/operations.md.
    "mozilla_django_oidc",
    "djangosaml2",
    "sso",
    "archive",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The SAML login's own short session (its outstanding requests: no replays).
    "djangosaml2.middleware.SamlSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Re-checks the city's login at the provider every 15 minutes (sso/middleware.py).
    "sso.middleware.OidcSessionRefresh",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "remiss.middleware.SecurityHeadersMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "remiss.urls"
WSGI_APPLICATION = "remiss.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'remiss.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL,
                                     conn_max_age=env_int("DB_CONN_MAX_AGE", 60)),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web and worker both write: wait for locks, take the write lock up front.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=20000;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's default random_page_cost (4) assumes spinning disks; with the working set
    # cached or on SSD, 1.1 lets the planner use the indexes it should (the desk's joint-
    # answer check: 24 ms with a sequential scan, 7 ms by index). Empty leaves the server's.
    RANDOM_PAGE_COST = env_str("DB_RANDOM_PAGE_COST", "1.1")
    if RANDOM_PAGE_COST:
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
            f"-c random_page_cost={float(RANDOM_PAGE_COST)}")
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisations.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"
# Throttling first, then the password check. Single sign-on (SAML/OIDC) is plugged in as one
# more backend here; see docs/security.md.
AUTHENTICATION_BACKENDS = [
    "remiss.auth.LoginThrottleBackend",
    "remiss.auth.DemoPasswordRefusalBackend",
    "sso.backends.LocalPasswordBackend",
    "sso.backends.CityOidcBackend",
    "sso.saml.CitySaml2Backend",
]
# Local passwords: off for everyone but the break-glass administrators (user names) once the
# city's login is in use.
LOCAL_LOGIN_ENABLED = env_bool("LOCAL_LOGIN_ENABLED", True)
LOCAL_LOGIN_BREAK_GLASS = env_list("LOCAL_LOGIN_BREAK_GLASS")

# The city's login by OpenID Connect (mozilla-django-oidc; Entra ID and others). The
# endpoints are in the provider's /.well-known/openid-configuration.
OIDC_ENABLED = env_bool("OIDC_ENABLED", False)
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile groups")
OIDC_OP_ISSUER = env_str("OIDC_OP_ISSUER")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
OIDC_OP_LOGOUT_ENDPOINT = env_str("OIDC_OP_LOGOUT_ENDPOINT")
OIDC_GROUPS_CLAIM = env_str("OIDC_GROUPS_CLAIM", "groups")
OIDC_USERNAME_CLAIM = env_str("OIDC_USERNAME_CLAIM", "preferred_username")
OIDC_CLOCK_SKEW_SECONDS = env_int("OIDC_CLOCK_SKEW_SECONDS", 60)
OIDC_STORE_ID_TOKEN = True  # the hint for logout at the provider
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)
LOGIN_REDIRECT_URL_FAILURE = "/konto/ingen-behorighet/"
# The city's login by SAML 2.0 (djangosaml2 on pysaml2; needs xmlsec1 from apt). The IdP's
# metadata from a file or URL; our key and certificate sign requests and decrypt assertions.
SAML_ENABLED = env_bool("SAML_ENABLED", False)
SAML_XMLSEC_BINARY = env_str("SAML_XMLSEC_BINARY", "/usr/bin/xmlsec1")
SAML_USERNAME_ATTRIBUTE = env_str("SAML_USERNAME_ATTRIBUTE", "uid")
SAML_GROUPS_ATTRIBUTE = env_str("SAML_GROUPS_ATTRIBUTE", "memberOf")
SAML_ACS_FAILURE_RESPONSE_FUNCTION = "sso.saml.acs_failure"
SAML_CONFIG: dict = {}
if SAML_ENABLED:
    from sso.saml import sp_config

    SAML_CONFIG = sp_config(base_url=SITE_URL, idp_metadata=env_list("SAML_IDP_METADATA_FILE"),
                            idp_metadata_url=env_str("SAML_IDP_METADATA_URL"),
                            key_file=env_str("SAML_KEY_FILE"),
                            cert_file=env_str("SAML_CERT_FILE"))
# Shown on the "no access yet" page: whom to ask for a group.
SSO_SUPPORT_CONTACT = env_str("SSO_SUPPORT_CONTACT")
# An existing account with the same user name is linked at its first login with the
# city's account (accounts made before single sign-on).
SSO_LINK_EXISTING_BY_USERNAME = env_bool("SSO_LINK_EXISTING_BY_USERNAME", True)
# Accounts not logged in with the city's account for this many days are deactivated
# (logged, reversible in the admin): the provider no longer vouches for them.
SSO_DEACTIVATE_AFTER_DAYS = env_int("SSO_DEACTIVATE_AFTER_DAYS", 45)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "Y-m-d"
SHORT_DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
DATE_INPUT_FORMATS = ["%Y-%m-%d"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
# Uploads live outside the web root and are served only through permission-checked views.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "remiss.storage.PrivateFileSystemStorage"},
    "staticfiles": {
        # Tests set the plain storage: compressing every file for each run cost minutes.
        "BACKEND": env_str("STATICFILES_BACKEND", "") or (
            "django.contrib.staticfiles.storage.StaticFilesStorage" if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"),
    },
}
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Readable by the app's group only (web and worker), never by other users of the host.
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750

# Remisstid: the shortest time (calendar days) a remiss may give its remissinstanser, and
# under how many days the form warns (the Government's own rule is three months).
REMISSTID_MIN_DAYS = env_int("REMISSTID_MIN_DAYS", 21)
REMISSTID_WARN_DAYS = env_int("REMISSTID_WARN_DAYS", 42)

# E-mail: console in development, SMTP when EMAIL_HOST is set.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if env_str("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "remiss@stockholm.se")

# Celery: an embedded filesystem broker under var/ unless CELERY_BROKER_URL is set.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS = {}
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = VAR_DIR / "broker"
    for _folder in ("queue", "processed", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        # The exchange table (broadcasts such as remote control); default: ./control.
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE: dict = {
    # reminders/tasks.py: the deadline reminder sweep and SLK's daily overdue digest.
    "reminders-sweep": {"task": "reminders.sweep", "schedule": 15 * 60},
    "reminders-digest": {"task": "reminders.send_digests", "schedule": 60 * 60},
    # meetings/tasks.py: milestone reminders (utkast klart, kallelse ...), deduped by the ledger.
    "meetings-milestones": {"task": "meetings.milestone_reminders", "schedule": 60 * 60},
    # programs/tasks.py: files kept for a remiss form that failed and was never resent.
    "programs-prune-kept-uploads": {"task": "programs.prune_kept_uploads",
                                    "schedule": 6 * 60 * 60},
    # sso/tasks.py: deactivate accounts the city's provider no longer vouches for.
    "sso-deactivate-unvouched": {"task": "sso.deactivate_unvouched", "schedule": 24 * 3600},
}

# Production hardening; all of it is on whenever DEBUG is off.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Sent by remiss.middleware.SecurityHeadersMiddleware: no page needs these browser features.
PERMISSIONS_POLICY = ("camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
                      "interest-cohort=()")

# Content-Security-Policy (django-csp 4): only our own files, no inline script or style, no
# framing, forms post only to us. Templates load JS from static/js/ and never use style="".
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user name,
# or from one client address, further attempts are refused for AXES_COOLOFF_TIME and the login
# answers 429 with a Swedish page. Behind a reverse proxy set TRUSTED_PROXY_COUNT so the
# address is the client's, not the proxy's (see docs/security.md).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "remiss.auth.client_ip"
AXES_USERNAME_CALLABLE = "remiss.auth.throttle_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "remiss.auth.lockout_response"
AXES_WHITELIST_CALLABLE = "sso.backends.not_a_password_login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every rendering step at INFO; fontTools every subset.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools", "axes")},
}

# The REST API (api/): keys per integration, JSON errors, incremental sync. See
# docs/operations.md ("API och webhooks").
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.HasScope"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ApiKeyRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser",
                               "rest_framework.parsers.MultiPartParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Remiss API",
    "DESCRIPTION": "Remisser, svar (allmänna handlingar), sammanträden och §§ för diariet "
                   "och andra system. Nyckel i huvudet: Authorization: Api-Key <nyckel>.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}
# Requests per key, e.g. "600/min"; counted in the default cache (use a shared cache, Redis,
# when several processes serve the API).
API_RATE_LIMIT = env_str("API_RATE_LIMIT", "600/min")
# An incremental sync re-reads this many seconds before it started, so a change committed
# by a transaction that began earlier is never missed (see api/pagination.py).
API_SYNC_OVERLAP_SECONDS = env_int("API_SYNC_OVERLAP_SECONDS", 60)
# Webhooks: attempts per delivery and the first retry delay (doubling each time).
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 8)
WEBHOOK_BACKOFF_SECONDS = env_int("WEBHOOK_BACKOFF_SECONDS", 30)
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 10)

# Signed justering and e-arkiv (archive/; docs/operations.md "Signing and e-arkiv").
# The signer backend is pluggable; the default seals with the organisation's certificate.
ARCHIVE_SIGNER_BACKEND = env_str("ARCHIVE_SIGNER_BACKEND", "archive.signers.PadesSealSigner")
ARCHIVE_SEAL_KEY = env_str("ARCHIVE_SEAL_KEY")
ARCHIVE_SEAL_CERT = env_str("ARCHIVE_SEAL_CERT")
ARCHIVE_SEAL_CHAIN = env_list("ARCHIVE_SEAL_CHAIN")
ARCHIVE_SEAL_KEY_PASSPHRASE = env_str("ARCHIVE_SEAL_KEY_PASSPHRASE")
ARCHIVE_TSA_URL = env_str("ARCHIVE_TSA_URL")  # RFC 3161; empty: PAdES-B-B without timestamp
ARCHIVE_TSA_TIMEOUT = env_int("ARCHIVE_TSA_TIMEOUT", 10)
# Root certificates Verifiera trusts (the seal's CA, the TSA's CA), PEM or DER paths.
ARCHIVE_TRUST_ROOTS = env_list("ARCHIVE_TRUST_ROOTS")
# Written into the packages' METS and ERMS as the archive creator and the submitting agent.
ARCHIVE_ORGANISATION = env_str("ARCHIVE_ORGANISATION", "Stockholms stad")

# Demo users share this password; seed_demo refuses to use it when DEBUG is off.
DEMO_PASSWORD = "remiss-demo"
# ... and remiss.auth refuses it at login when DEBUG is off. Only the test suite (DEBUG off,
# demo users) turns this on, from tests/conftest.py; deliberately not an environment setting.
DEMO_PASSWORD_WITHOUT_DEBUG = False
