"""The introductory meeting has one record: the placement's (`followup.IntroMeeting`). A
moment a company proposed earlier from its list of students (`matching.IntroMeeting`, no
longer written) becomes a proposed moment of its placement's meeting, unless that placement
already has a meeting. Nothing is deleted; going back leaves the copied meetings."""

from django.db import migrations


def copy_meetings(apps, schema_editor):
    Old = apps.get_model("matching", "IntroMeeting")
    New = apps.get_model("followup", "IntroMeeting")
    Moment = apps.get_model("followup", "IntroMoment")
    # Migrations run unscoped: the historical models have plain managers.
    taken = set(New.objects.values_list("placement_id", flat=True))
    for old in Old.objects.filter(match__placement__isnull=False).select_related("match"):
        placement_id = old.match.placement_id
        if placement_id in taken:
            continue
        meeting = New.objects.create(placement_id=placement_id, status="proposed", note=old.note)
        Moment.objects.create(meeting=meeting, at=old.proposed_at)
        taken.add(placement_id)


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0016_dutch_names"),
        ("followup", "0004_intro_student_confirmed"),
    ]

    operations = [migrations.RunPython(copy_meetings, migrations.RunPython.noop)]
