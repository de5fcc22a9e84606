from django.db import migrations

from anatomy import reference


def load_reference_data(apps, schema_editor):
    reference.load(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("anatomy", "0009_exercise_ladder")]

    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]
