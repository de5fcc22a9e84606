"""Reload the reference data after the clinical review of 2026-12-02 (warning signs by level,
RICE for the first days, the straddle stretch, muscle layers, reworded sentences)."""

from django.db import migrations

from anatomy import reference


def load_reference_data(apps, schema_editor):
    reference.load(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("anatomy", "0004_load_stretches")]

    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]
