import uuid

from django.core.management import call_command
from django.db import migrations, models


def first_version(apps, schema_editor):
    RegisterVersion = apps.get_model("core", "RegisterVersion")
    RegisterVersion.objects.using(schema_editor.connection.alias).create(pk=1, number=1, token=uuid.uuid4().hex)


def cache_table(apps, schema_editor):
    # The register's cache lives in the database when there is no Redis
    # (settings.CACHES): `migrate` alone must make a working install.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="RegisterVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveBigIntegerField(default=0, verbose_name="numéro")),
                ("token", models.CharField(max_length=32, verbose_name="jeton")),
                ("changed_at", models.DateTimeField(auto_now=True, verbose_name="modifiée le")),
            ],
            options={"verbose_name": "version du registre", "verbose_name_plural": "versions du registre"},
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
        migrations.RunPython(cache_table, migrations.RunPython.noop),
    ]
