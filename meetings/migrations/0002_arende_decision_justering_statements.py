"""One door for the nämnd's decisions: the Arende gets its decision date, its justering and
the ledamöter's statements, and takes over what Utlatande stored (meeting_date, paragraph,
decision_text, decision_changed, justerad_date, justerare; removed in responses 0003).
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


DECIDED = ("enligt_forslag", "andrat", "avslag")


def _recorder(apps, utlatande):
    record = (apps.get_model("responses", "TransitionRecord").objects
              .filter(utlatande=utlatande, action="besluta").order_by("-at").first())
    return record.by_id if record else None


def _immediate(schema_editor):
    # Foreign keys are checked now, so the ALTER TABLE after the copy finds no pending
    # trigger events (PostgreSQL).
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def copy_decisions_to_arende(apps, schema_editor):
    _immediate(schema_editor)
    Utlatande = apps.get_model("responses", "Utlatande")
    Sammantrade = apps.get_model("meetings", "Sammantrade")
    Arende = apps.get_model("meetings", "Arende")
    for u in Utlatande.objects.filter(meeting_date__isnull=False).order_by("pk"):
        meeting, _ = Sammantrade.objects.get_or_create(
            organisation_id=u.organisation_id, date=u.meeting_date,
            defaults={"state": "genomfort"})
        arende = Arende.objects.filter(meeting=meeting, utlatande=u).first()
        if arende is None:
            paragraph = u.paragraph.strip()
            if paragraph and Arende.objects.filter(meeting=meeting, paragraph=paragraph).exists():
                paragraph = ""
            arende = Arende(meeting=meeting, utlatande=u, paragraph=paragraph,
                            outcome="andrat" if u.decision_changed else "enligt_forslag",
                            decision_text=u.decision_text,
                            omedelbar_justering=u.justerad_date == u.meeting_date,
                            recorded_by_id=_recorder(apps, u))
        arende.decision_date = meeting.date
        if u.justerad_date and arende.outcome in DECIDED:
            arende.justerad_date = max(u.justerad_date, meeting.date)
            arende.justerare = u.justerare
        arende.save()
    # Paragraphs recorded at the meeting before: their date, and the protokoll's justering.
    for arende in Arende.objects.filter(decision_date__isnull=True).select_related("meeting"):
        arende.decision_date = arende.meeting.date
        if arende.meeting.justerad_date and arende.justerad_date is None and (
                arende.outcome not in DECIDED
                or arende.utlatande.state in ("justerad", "besvarad")):
            arende.justerad_date = max(arende.meeting.justerad_date, arende.meeting.date)
            arende.justerare = arende.meeting.justerare
        arende.save()


def copy_decisions_back(apps, schema_editor):
    from responses import lock_sql

    _immediate(schema_editor)
    connection = schema_editor.connection
    # The lock trigger refuses writes to justerade rows; it is put back below.
    if connection.vendor == "postgresql":
        schema_editor.execute(lock_sql.POSTGRES_REMOVE)
    elif connection.vendor == "sqlite":
        for statement in lock_sql.SQLITE_REMOVE:
            schema_editor.execute(statement)
    Arende = apps.get_model("meetings", "Arende")
    for arende in (Arende.objects.filter(outcome__in=DECIDED).select_related("meeting")
                   .order_by("meeting__date", "pk")):
        u = arende.utlatande
        u.meeting_date = arende.meeting.date
        u.paragraph = arende.paragraph
        u.decision_text = arende.decision_text
        u.decision_changed = arende.outcome != "enligt_forslag"
        u.justerad_date = arende.justerad_date
        u.justerare = arende.justerare
        u.save(update_fields=["meeting_date", "paragraph", "decision_text",
                              "decision_changed", "justerad_date", "justerare"])
    lock_sql.install(connection)


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0001_sammantraden_leadtimes_arenden'),
        ('responses', '0002_transition_action_and_lock'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalMemberStatement',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('kind', models.CharField(choices=[('reservation', 'Reservation'), ('sarskilt_yttrande', 'Särskilt yttrande'), ('jav', 'Jäv')], max_length=20, verbose_name='slag')),
                ('member', models.CharField(max_length=200, verbose_name='ledamot')),
                ('text', models.TextField(blank=True, verbose_name='text')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical reservation, särskilt yttrande eller jäv',
                'verbose_name_plural': 'historical reservationer, särskilda yttranden och jäv',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='MemberStatement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('reservation', 'Reservation'), ('sarskilt_yttrande', 'Särskilt yttrande'), ('jav', 'Jäv')], max_length=20, verbose_name='slag')),
                ('member', models.CharField(max_length=200, verbose_name='ledamot')),
                ('text', models.TextField(blank=True, verbose_name='text')),
            ],
            options={
                'verbose_name': 'reservation, särskilt yttrande eller jäv',
                'verbose_name_plural': 'reservationer, särskilda yttranden och jäv',
                'ordering': ['arende', 'kind', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='arende',
            name='decision_date',
            field=models.DateField(null=True, verbose_name='beslutsdatum'),
        ),
        migrations.AddField(
            model_name='arende',
            name='justerad_date',
            field=models.DateField(blank=True, null=True, verbose_name='justerad'),
        ),
        migrations.AddField(
            model_name='arende',
            name='justerare',
            field=models.CharField(blank=True, max_length=300, verbose_name='justerare'),
        ),
        migrations.AddField(
            model_name='historicalarende',
            name='decision_date',
            field=models.DateField(null=True, verbose_name='beslutsdatum'),
        ),
        migrations.AddField(
            model_name='historicalarende',
            name='justerad_date',
            field=models.DateField(blank=True, null=True, verbose_name='justerad'),
        ),
        migrations.AddField(
            model_name='historicalarende',
            name='justerare',
            field=models.CharField(blank=True, max_length=300, verbose_name='justerare'),
        ),
        migrations.AlterField(
            model_name='arende',
            name='outcome',
            field=models.CharField(choices=[('enligt_forslag', 'Beslut enligt förslaget'), ('andrat', 'Ändrat beslut'), ('avslag', 'Avslag'), ('aterremitterat', 'Återremitterat'), ('bordlagt', 'Bordlagt')], max_length=20, verbose_name='beslut'),
        ),
        migrations.AlterField(
            model_name='arende',
            name='recorded_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='historicalarende',
            name='outcome',
            field=models.CharField(choices=[('enligt_forslag', 'Beslut enligt förslaget'), ('andrat', 'Ändrat beslut'), ('avslag', 'Avslag'), ('aterremitterat', 'Återremitterat'), ('bordlagt', 'Bordlagt')], max_length=20, verbose_name='beslut'),
        ),
        migrations.RunPython(copy_decisions_to_arende, copy_decisions_back),
        migrations.AlterField(
            model_name='arende',
            name='decision_date',
            field=models.DateField(verbose_name='beslutsdatum'),
        ),
        migrations.AlterField(
            model_name='historicalarende',
            name='decision_date',
            field=models.DateField(verbose_name='beslutsdatum'),
        ),
        migrations.AddConstraint(
            model_name='arende',
            constraint=models.CheckConstraint(condition=models.Q(('justerad_date__isnull', True), ('justerad_date__gte', models.F('decision_date')), _connector='OR'), name='arende_justerad_after_decision', violation_error_message='Paragrafen kan inte justeras före beslutet.'),
        ),
        migrations.AddField(
            model_name='historicalmemberstatement',
            name='arende',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.arende', verbose_name='ärende'),
        ),
        migrations.AddField(
            model_name='historicalmemberstatement',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='memberstatement',
            name='arende',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='statements', to='meetings.arende', verbose_name='ärende'),
        ),
    ]
