"""/api/schema/ is a valid OpenAPI 3 document covering every endpoint; /api/docs/ reads it."""

import yaml
from django.urls import get_resolver
from openapi_spec_validator import validate

from api import urls as api_urls


def _schema(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_schema_is_valid_openapi_3_and_covers_every_endpoint(db, client):
    schema = _schema(client)
    validate(schema)  # raises on any violation of the OpenAPI 3 specification
    assert schema["openapi"].startswith("3.")
    routes = {"/api/" + str(p.pattern).replace("<int:pk>", "{id}")
              .replace("<int:document_pk>", "{document_pk}").replace("<slug:short>", "{short}")
              for p in api_urls.urlpatterns if str(p.pattern).startswith("v1/")}
    assert routes == set(schema["paths"])
    assert schema["components"]["securitySchemes"]["ApiKey"]["in"] == "header"
    listing = schema["paths"]["/api/v1/remisser/"]["get"]
    assert {"updated_since", "cursor", "page_size"} <= {p["name"] for p in listing["parameters"]}
    assert "post" in schema["paths"]["/api/v1/remisser/"]
    for feed in ("/api/v1/remisser/borttagna/", "/api/v1/sammantraden/borttagna/"):
        parameters = schema["paths"][feed]["get"]["parameters"]
        assert {"updated_since", "cursor", "page_size"} <= {p["name"] for p in parameters}
    assert get_resolver().resolve("/api/schema/")


def test_docs_page_loads_its_assets_from_our_own_server(db, client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "https://" not in html  # no CDN: the city's network may not reach one
    # No inline script, so the Content-Security-Policy (script-src 'self') lets it run.
    assert html.count("<script") == html.count("<script src=")
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and "/api/schema/" in script.content.decode()
