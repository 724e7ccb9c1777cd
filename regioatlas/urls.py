from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from atlas_api.ogc import views as ogc_views
from atlas_api.views.root import ApiRootView
from regioatlas import health

urlpatterns = [
    path("health", health.live, name="health"),
    path("health/ready", health.ready, name="health-ready"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/tegels/", include("atlas_api.tiles.urls")),
    path("api/ogc/v1", ogc_views.landing, name="ogc-landing"),
    path("api/ogc/v1/", include("atlas_api.ogc.urls")),
    path("api/v1", ApiRootView.as_view(), name="api-root"),
    # the root as documented (server URL + "/"): what clients joining the two ask for
    path("api/v1/", ApiRootView.as_view(), name="api-root-documented"),
    path("api/v1/", include("atlas_api.urls")),
    path("", include("atlas_web.urls")),
    path("", include("atlas_web.urls_registration")),
]

handler400 = "regioatlas.views.bad_request"
handler404 = "regioatlas.views.not_found"
handler500 = "regioatlas.views.server_error"

if settings.DEBUG:  # pragma: no cover
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
