"""JSON of the API, versioned by the URL (/api/v1/): fields are added, never renamed."""

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from archive.verification import Outcome, read_pdf_upload
from organisations.models import Organisation
from programs.models import Program, RemissStatus
from responses.models import PUBLIC_STATES, Stance, State
from tracking.matrix import MatrixState


def _url(request, name, *args) -> str:
    return request.build_absolute_uri(reverse(name, args=args))


class OrganisationSerializer(serializers.Serializer):
    short = serializers.CharField()
    name = serializers.CharField()
    forvaltning = serializers.CharField()


class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, document) -> str:
        return _url(self.context["request"], "api:remiss-document", document.remiss_id,
                    document.pk)


class PendingAnstandSerializer(serializers.Serializer):
    requested_deadline = serializers.DateField()
    reason = serializers.CharField()
    requested_at = serializers.DateTimeField()


class AnstandSerializer(serializers.Serializer):
    deadline = serializers.DateField(allow_null=True, help_text="Beviljat anstånd, annars null.")
    reason = serializers.CharField(allow_blank=True)
    pending = PendingAnstandSerializer(allow_null=True,
                                       help_text="Obesvarad begäran om anstånd, annars null.")


class RecipientSerializer(serializers.Serializer):
    """One remissinstans of a remiss (a row of SLK's tracking matrix)."""

    organisation = OrganisationSerializer(source="recipient.organisation")
    own_dnr = serializers.CharField(source="recipient.own_dnr")
    state = serializers.SerializerMethodField(
        help_text="Svarets läge; null när svaret är arbetsmaterial som nyckeln inte får se.")
    stance = serializers.SerializerMethodField()
    deadline = serializers.DateField(help_text="Remisstid som gäller, med beviljat anstånd.")
    anstand = serializers.SerializerMethodField()
    declined = serializers.BooleanField(source="recipient.declined")
    answered_at = serializers.DateTimeField(source="recipient.answered_at", allow_null=True,
                                            help_text="När svaret kom in till kommunstyrelsen.")
    days_late = serializers.IntegerField()
    answer = serializers.SerializerMethodField(help_text="Svaret, när det är allmän handling.")

    @extend_schema_field(serializers.ChoiceField(choices=MatrixState.choices, allow_null=True))
    def get_state(self, row):
        return None if row.hidden else row.state

    @extend_schema_field(serializers.ChoiceField(choices=Stance.choices, allow_null=True))
    def get_stance(self, row):
        return None if row.hidden or not row.stance else row.stance

    @extend_schema_field(AnstandSerializer)
    def get_anstand(self, row):
        recipient, pending = row.recipient, row.pending_anstand
        return {"deadline": recipient.anstand_deadline, "reason": recipient.anstand_reason,
                "pending": PendingAnstandSerializer(pending).data if pending else None}

    @extend_schema_field(OpenApiTypes.URI)
    def get_answer(self, row):
        utlatande = row.utlatande
        if utlatande is None or not row.readable or utlatande.state not in PUBLIC_STATES:
            return None
        return _url(self.context["request"], "api:svar-detail", utlatande.pk)


class RemissSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField()
    ks_dnr = serializers.CharField()
    title = serializers.CharField()
    program = serializers.CharField(source="program.title", allow_null=True, default=None)
    status = serializers.ChoiceField(choices=RemissStatus.choices)
    sender = OrganisationSerializer()
    remiss_date = serializers.DateField()
    deadline = serializers.DateField()
    description = serializers.CharField()
    contact_name = serializers.CharField()
    contact_email = serializers.CharField()
    contact_phone = serializers.CharField()
    sent_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    documents = DocumentSerializer(many=True)
    recipients = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, remiss) -> str:
        return _url(self.context["request"], "api:remiss-detail", remiss.pk)

    @extend_schema_field(OpenApiTypes.URI)
    def get_web_url(self, remiss) -> str:
        return _url(self.context["request"], "programs:remiss_detail", remiss.pk)

    @extend_schema_field(RecipientSerializer(many=True))
    def get_recipients(self, remiss):
        rows = self.context["rows"].get(remiss.pk, [])
        return RecipientSerializer(rows, many=True, context=self.context).data


class DeletedRemissSerializer(serializers.Serializer):
    """A remiss that no longer exists (deleted by an administrator, as a rule an utkast)."""

    id = serializers.IntegerField()
    ks_dnr = serializers.CharField()
    deleted_at = serializers.DateTimeField(source="history_date")


class RemissCreateSerializer(serializers.Serializer):
    """A remiss registered in the diarium, created as utkast (SLK's keys only)."""

    title = serializers.CharField(max_length=300)
    ks_dnr = serializers.CharField(max_length=40)
    remiss_date = serializers.DateField()
    deadline = serializers.DateField()
    program = serializers.SlugRelatedField(slug_field="title", queryset=Program.objects.all(),
                                           required=False, allow_null=True)
    description = serializers.CharField(required=False, allow_blank=True)
    contact_name = serializers.CharField(required=False, allow_blank=True,
                                         max_length=200)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    contact_phone = serializers.CharField(required=False, allow_blank=True,
                                          max_length=40)
    recipients = serializers.SlugRelatedField(
        slug_field="short", queryset=Organisation.objects.all(), many=True,
        help_text="Remissinstansernas kortnamn.")


class DocumentUploadSerializer(serializers.Serializer):
    files = serializers.ListField(child=serializers.FileField(), allow_empty=False)


class AnswerReceivedSerializer(serializers.Serializer):
    answered_at = serializers.DateTimeField(
        required=False, allow_null=True, help_text="När svaret kom in; utelämnat: nu.")


class OwnDnrSerializer(serializers.Serializer):
    own_dnr = serializers.CharField(max_length=60, allow_blank=True)


class SvarRemissSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="recipient.remiss_id")
    ks_dnr = serializers.CharField(source="recipient.remiss.ks_dnr")
    organisation = serializers.CharField(source="recipient.organisation.short")
    own_dnr = serializers.CharField(source="recipient.own_dnr")
    answered_at = serializers.DateTimeField(source="recipient.answered_at", allow_null=True)


class DecisionSerializer(serializers.Serializer):
    sammantrade = serializers.IntegerField(source="meeting_id")
    date = serializers.DateField(source="meeting.date")
    paragraph = serializers.CharField()
    outcome = serializers.CharField()
    omedelbar_justering = serializers.BooleanField()
    justerad_date = serializers.DateField(source="meeting.justerad_date", allow_null=True)


class PdfSerializer(serializers.Serializer):
    url = serializers.URLField()
    sha256 = serializers.CharField()
    archived_at = serializers.DateTimeField()


class SvarSerializer(serializers.Serializer):
    """A tjänsteutlåtande that is an allmän handling (beslutad, justerad or besvarad)."""

    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    title = serializers.CharField()
    organisation = OrganisationSerializer()
    state = serializers.ChoiceField(choices=[(s.value, s.label) for s in State
                                             if s in PUBLIC_STATES])
    stance = serializers.CharField(allow_blank=True)
    date = serializers.DateField(allow_null=True)
    own_dnr = serializers.CharField(allow_blank=True)
    remisser = serializers.SerializerMethodField()
    decisions = DecisionSerializer(source="arenden", many=True)
    pdf = serializers.SerializerMethodField(
        help_text="Det arkiverade PDF-dokumentet (från justering), annars null.")
    updated_at = serializers.DateTimeField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, utlatande) -> str:
        return _url(self.context["request"], "api:svar-detail", utlatande.pk)

    @extend_schema_field(SvarRemissSerializer(many=True))
    def get_remisser(self, utlatande):
        links = [link for link in utlatande.links.all() if link.is_active]
        return SvarRemissSerializer(links, many=True).data

    @extend_schema_field(PdfSerializer(allow_null=True))
    def get_pdf(self, utlatande):
        if not utlatande.archived_sha256:
            return None
        return {"url": _url(self.context["request"], "api:svar-pdf", utlatande.pk),
                "sha256": utlatande.archived_sha256,
                "archived_at": timezone.localtime(utlatande.archived_at).isoformat()}


class ParagrafSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    paragraph = serializers.CharField()
    outcome = serializers.CharField()
    decision_text = serializers.CharField()
    omedelbar_justering = serializers.BooleanField()
    recorded_at = serializers.DateTimeField()
    svar = serializers.SerializerMethodField()
    svar_state = serializers.CharField(source="utlatande.state")
    justerad_date = serializers.DateField(allow_null=True)
    protokollsutdrag = serializers.SerializerMethodField(
        help_text="Protokollsutdraget som PDF; null innan paragrafen är justerad.")
    verifiering = serializers.SerializerMethodField(
        help_text="Verifiera det signerade protokollsutdraget; null innan paragrafen är "
                  "signerad.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_svar(self, arende):
        if arende.utlatande.state not in PUBLIC_STATES:
            return None
        return _url(self.context["request"], "api:svar-detail", arende.utlatande_id)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_protokollsutdrag(self, arende):
        if not arende.is_justerad:
            return None
        return _url(self.context["request"], "api:paragraf-utdrag", arende.pk)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_verifiering(self, arende):
        if not hasattr(arende, "signed_document"):
            return None
        return _url(self.context["request"], "api:paragraf-verification", arende.pk)


class SammantradeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = OrganisationSerializer()
    date = serializers.DateField()
    time = serializers.TimeField(allow_null=True)
    place = serializers.CharField()
    state = serializers.CharField()
    justerare = serializers.CharField()
    justerad_date = serializers.DateField(allow_null=True)
    updated_at = serializers.DateTimeField()
    paragrafer = ParagrafSerializer(source="visible_arenden", many=True)


# Outcome of a verification: (Swedish, English); the Swedish is the web page's.
OUTCOME_MESSAGES = {
    Outcome.OFORANDRAD: (Outcome.OFORANDRAD.label,
                         "Unchanged: every signature is valid and the document has not "
                         "changed since it was signed."),
    Outcome.ANDRAD: (Outcome.ANDRAD.label,
                     "Changed: the document has changed after it was signed."),
    Outcome.EJ_BEKRAFTAD: (Outcome.EJ_BEKRAFTAD.label,
                           "The signatures cannot be confirmed: the certificate chain does "
                           "not lead to a trusted root certificate."),
    Outcome.OSIGNERAD: (Outcome.OSIGNERAD.label, "The file has no electronic signatures."),
}


class MessageSerializer(serializers.Serializer):
    sv = serializers.CharField()
    en = serializers.CharField()


class SignatureCheckSerializer(serializers.Serializer):
    """One signature of the PDF as verified (archive.verification.SignatureCheck)."""

    field = serializers.CharField(source="field_name", help_text="Signaturfältet i PDF-filen.")
    signer_name = serializers.CharField(help_text="Undertecknaren (justeraren).")
    role = serializers.SerializerMethodField(
        help_text="Rollen som registrerades vid signeringen (Ordförande, Justerare); null "
                  "för en uppladdad fil.")
    reason = serializers.CharField(help_text="Syftet som står i underskriften.")
    signed_at = serializers.DateTimeField(source="signing_time", allow_null=True,
                                          help_text="Tidpunkten i underskriften.")
    timestamp = serializers.DateTimeField(source="timestamp_time", allow_null=True,
                                          help_text="Tidsstämpelns tid (PAdES-B-T), annars "
                                                    "null.")
    valid = serializers.BooleanField(source="signature_valid",
                                     help_text="Underskriften är giltig.")
    trusted = serializers.BooleanField(help_text="Certifikatkedjan leder till ett betrott "
                                                 "rotcertifikat.")
    unchanged = serializers.BooleanField(source="document_unchanged",
                                         help_text="Dokumentet har inte ändrats sedan "
                                                   "underskriften (bara fler underskrifter "
                                                   "har lagts till).")
    certificate_chain = serializers.ListField(child=serializers.CharField(), source="chain",
                                              help_text="Sigillets certifikat först, roten "
                                                        "sist.")
    ok = serializers.BooleanField()

    def get_role(self, check) -> str | None:
        return self.context.get("roles", {}).get(check.field_name)


class VerificationSerializer(serializers.Serializer):
    """Verifiera of a PDF (archive.verification.VerificationReport)."""

    result = serializers.ChoiceField(source="outcome", choices=Outcome.choices)
    message = serializers.SerializerMethodField()
    ok = serializers.BooleanField(help_text="Alla underskrifter giltiga, betrodda och "
                                            "dokumentet oförändrat.")
    changed = serializers.BooleanField(help_text="Filen är inte den som signerades.")
    readable = serializers.BooleanField(help_text="Filen gick att läsa som PDF.")
    signatures = SignatureCheckSerializer(many=True)

    @extend_schema_field(MessageSerializer)
    def get_message(self, report):
        sv, en = OUTCOME_MESSAGES[report.outcome]
        return {"sv": str(sv), "en": en}


class ParagrafVerificationSerializer(VerificationSerializer):
    """Verifiera of the stored signed protokollsutdrag of a § (a DocumentVerification):
    which § it is and its recorded digest, then the report's fields."""

    paragraf = serializers.IntegerField(help_text="Paragrafens id.")
    sammantrade = serializers.IntegerField()
    paragraph = serializers.CharField()
    sha256 = serializers.CharField(help_text="SHA-256 som registrerades vid senaste "
                                             "underskriften.")
    sha256_matches = serializers.BooleanField(help_text="Den lagrade filen har fortfarande "
                                                        "den SHA-256.")

    def to_representation(self, verification):
        arende = verification.document.arende
        context = {**self.context, "roles": verification.roles}
        return {"paragraf": arende.pk, "sammantrade": arende.meeting_id,
                "paragraph": arende.paragraph, "sha256": verification.document.sha256,
                "sha256_matches": verification.sha256_ok,
                **VerificationSerializer(verification.report, context=context).data}


class VerifyUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="PDF-filen att verifiera (högst 50 MB).")

    def validate_file(self, upload) -> bytes:
        return read_pdf_upload(upload)


class UploadVerificationSerializer(VerificationSerializer):
    """Verifiera of an uploaded PDF: its SHA-256, then the report's fields."""

    sha256 = serializers.CharField(help_text="SHA-256 för den uppladdade filen.")

    def to_representation(self, report):
        return {"sha256": self.context["sha256"],
                **VerificationSerializer(report, context=self.context).data}


class DeletedSammantradeSerializer(serializers.Serializer):
    """A sammanträde that no longer exists (deleted before it had any §)."""

    id = serializers.IntegerField()
    date = serializers.DateField()
    deleted_at = serializers.DateTimeField(source="history_date")
