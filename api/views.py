"""Endpoints of /api/v1/: thin; reads through api.selectors, writes through api.services."""

import hashlib

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from archive.services import protokollsutdrag_pdf
from archive.verification import verify_document, verify_pdf
from meetings.models import Sammantrade
from organisations.models import Organisation
from remiss.downloads import attachment_response

from . import selectors, serializers, services
from .errors import ApiError
from .pagination import DeletionPagination, SyncPagination

ERRORS = {code: OpenApiResponse(description=text) for code, text in {
    400: "Ogiltiga uppgifter (error.code, error.fields)", 401: "Nyckel saknas eller ogiltig",
    403: "Behörighet saknas", 404: "Finns inte eller syns inte för nyckeln",
    429: "För många anrop"}.items()}


def _remiss_response(request, remiss, status_code=200):
    rows = selectors.recipient_rows([remiss], request.user)
    data = serializers.RemissSerializer(remiss, context={"request": request, "rows": rows}).data
    return Response(data, status=status_code)


class RemissList(generics.ListAPIView):
    """Remisser the key may see (utkast only for stadsledningskontoret's keys)."""

    serializer_class = serializers.RemissSerializer
    pagination_class = SyncPagination

    def get_queryset(self):
        return selectors.api_remisser(self.request.user)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["rows"] = getattr(self, "_rows", {})
        return context

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self._rows = selectors.recipient_rows(page, self.request.user)
        return page

    @extend_schema(responses={201: serializers.RemissSerializer, **ERRORS},
                   request=serializers.RemissCreateSerializer,
                   summary="Skapa en remiss som utkast från ett registrerat ärende")
    def post(self, request):
        data = _valid(serializers.RemissCreateSerializer, request)
        remiss = services.remiss_create_draft(by=request.user, **data)
        return _remiss_response(request, remiss, status.HTTP_201_CREATED)


class RemissDeletedList(generics.ListAPIView):
    """Remisser deleted since updated_since, as far as the key could see them: a sync
    removes these ids (they never come back)."""

    serializer_class = serializers.DeletedRemissSerializer
    pagination_class = DeletionPagination

    def get_queryset(self):
        return selectors.api_deleted_remisser(self.request.user)


class RemissDetail(APIView):
    @extend_schema(responses={200: serializers.RemissSerializer, **ERRORS})
    def get(self, request, pk):
        return _remiss_response(request, _remiss(request, pk))


def _remiss(request, pk):
    return get_object_or_404(selectors.api_remisser(request.user), pk=pk)


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _recipient(request, pk, short):
    remiss = _remiss(request, pk)
    organisation = get_object_or_404(Organisation, short=short)
    return get_object_or_404(remiss.recipients.select_related("remiss", "organisation"),
                             organisation=organisation)


class RemissDocuments(APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(request={"multipart/form-data": serializers.DocumentUploadSerializer},
                   responses={201: serializers.DocumentSerializer(many=True), **ERRORS},
                   summary="Lägg till remitterade dokument (PDF, DOCX, ODT, XLSX)")
    def post(self, request, pk):
        remiss = _remiss(request, pk)
        files = request.FILES.getlist("files")
        if not files:
            raise ApiError("validation_error")
        documents = services.remiss_add_documents(remiss=remiss, files=files, by=request.user)
        data = serializers.DocumentSerializer(documents, many=True,
                                              context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)


class RemissDocumentFile(APIView):
    @extend_schema(responses={(200, "application/octet-stream"): OpenApiResponse(
        description="Filen"), **ERRORS})
    def get(self, request, pk, document_pk):
        document = get_object_or_404(_remiss(request, pk).documents, pk=document_pk)
        return attachment_response(document.file, document.title,
                                   document.content_type or "application/octet-stream")


class RecipientDetail(APIView):
    @extend_schema(request=serializers.OwnDnrSerializer,
                   responses={200: serializers.RecipientSerializer, **ERRORS},
                   summary="Ange organisationens eget diarienummer (även på pågående svar)")
    def patch(self, request, pk, short):
        recipient = _recipient(request, pk, short)
        data = _valid(serializers.OwnDnrSerializer, request)
        services.recipient_set_own_dnr(recipient=recipient, own_dnr=data["own_dnr"],
                                       by=request.user)
        return _recipient_response(request, recipient)


def _recipient_response(request, recipient):
    rows = selectors.recipient_rows([recipient.remiss], request.user)[recipient.remiss_id]
    row = next(r for r in rows if r.recipient.pk == recipient.pk)
    return Response(serializers.RecipientSerializer(row, context={"request": request}).data)


class AnswerReceived(APIView):
    @extend_schema(request=serializers.AnswerReceivedSerializer,
                   responses={200: serializers.RecipientSerializer, **ERRORS},
                   summary="Registrera ett svar som kommit in utanför Remiss")
    def post(self, request, pk, short):
        recipient = _recipient(request, pk, short)
        data = _valid(serializers.AnswerReceivedSerializer, request)
        services.answer_register_received(recipient=recipient, by=request.user,
                                          at=data.get("answered_at"))
        return _recipient_response(request, recipient)


class SvarList(generics.ListAPIView):
    """Answers that are allmänna handlingar, with their archived PDF and its SHA-256."""

    serializer_class = serializers.SvarSerializer
    pagination_class = SyncPagination

    def get_queryset(self):
        return selectors.api_svar(self.request.user)


class SvarDetail(generics.RetrieveAPIView):
    serializer_class = serializers.SvarSerializer

    def get_queryset(self):
        return selectors.api_svar(self.request.user)


class SvarPdf(APIView):
    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(
        description="Det arkiverade PDF-dokumentet; SHA-256 i X-Content-SHA256"), **ERRORS})
    def get(self, request, pk):
        utlatande = get_object_or_404(selectors.api_svar(request.user), pk=pk,
                                      archived_sha256__gt="")
        response = attachment_response(utlatande.archived_pdf, utlatande.title,
                                       "application/pdf")
        response["X-Content-SHA256"] = utlatande.archived_sha256
        return response


class SammantradeList(generics.ListAPIView):
    """Sammanträden with their §§ (only §§ whose answer the key may read)."""

    serializer_class = serializers.SammantradeSerializer
    pagination_class = SyncPagination

    def get_queryset(self):
        return selectors.api_sammantraden(self.request.user)


class SammantradeDeletedList(generics.ListAPIView):
    """Sammanträden deleted since updated_since: a sync removes these ids."""

    serializer_class = serializers.DeletedSammantradeSerializer
    pagination_class = DeletionPagination

    def get_queryset(self):
        return selectors.api_deleted_sammantraden(self.request.user)


class SammantradeDetail(generics.RetrieveAPIView):
    serializer_class = serializers.SammantradeSerializer
    queryset = Sammantrade.objects.none()

    def get_queryset(self):
        return selectors.api_sammantraden(self.request.user)


class ParagrafVerification(APIView):
    @extend_schema(responses={200: serializers.ParagrafVerificationSerializer, **ERRORS},
                   summary="Verifiera paragrafens signerade protokollsutdrag",
                   description="Samma kontroll som webbens Verifiera: varje underskrift "
                               "(giltig, betrodd certifikatkedja, dokumentet oförändrat sedan "
                               "signeringen, vem som signerade när). 404 not_signed när "
                               "paragrafen inte är signerad.")
    def get(self, request, pk):
        arende = get_object_or_404(selectors.api_paragrafer(request.user), pk=pk)
        document = getattr(arende, "signed_document", None)
        if document is None:
            raise ApiError("not_signed", 404)
        verification = verify_document(document)
        return Response(serializers.ParagrafVerificationSerializer(
            verification, context={"request": request}).data)


class ParagrafProtokollsutdrag(APIView):
    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(
        description="Protokollsutdraget (PDF/A, med justerarnas underskrifter när en signerare "
                    "är konfigurerad); SHA-256 i X-Content-SHA256"), **ERRORS},
        summary="Paragrafens protokollsutdrag",
        description="404 not_justerad innan paragrafen är justerad.")
    def get(self, request, pk):
        arende = get_object_or_404(selectors.api_paragrafer(request.user), pk=pk)
        if not arende.is_justerad:
            raise ApiError("not_justerad", 404)
        data = protokollsutdrag_pdf(arende)
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{arende.utdrag_file_name()}"'
        response["X-Content-SHA256"] = hashlib.sha256(data).hexdigest()
        return response


class PdfVerification(APIView):
    parser_classes = [MultiPartParser]
    read_only = True  # verifying changes nothing: the read scope suffices

    @extend_schema(request={"multipart/form-data": serializers.VerifyUploadSerializer},
                   responses={200: serializers.UploadVerificationSerializer, **ERRORS},
                   summary="Verifiera en PDF-fil, till exempel diariets kopia av ett "
                           "protokollsutdrag",
                   description="Ändrad fil (en enda ändrad byte räcker) ger result andrad.")
    def post(self, request):
        data = _valid(serializers.VerifyUploadSerializer, request)["file"]
        return Response(serializers.UploadVerificationSerializer(
            verify_pdf(data), context={"request": request,
                                       "sha256": hashlib.sha256(data).hexdigest()}).data)


class NotFound(APIView):
    """Any other path under /api/: the JSON 404, never an HTML page."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = []

    @extend_schema(exclude=True)
    def get(self, request, rest=""):
        raise ApiError("not_found", 404)

    post = put = patch = delete = get
