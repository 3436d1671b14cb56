"""The three editorial roles, as groups.

Viewer reads the admin; Editor creates and edits drafts and sends them to
review; Publisher also publishes, archives, edits published conventions and
deletes. What an editor may not do to a published convention is enforced in
the admin and the API on top of these permissions.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REGISTER_APPS = ("actors", "plans", "conventions")
EDITOR_DELETES = {
    "actorname",
    "mandate",
    "party",
    "commitment",
    "conventionrelation",
    "objective",
    "measurement",
    "followupaction",
    "document",
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    register = Permission.objects.filter(content_type__app_label__in=REGISTER_APPS)

    def codenames(*actions, models=None):
        wanted = register.filter(codename__regex=rf"^({'|'.join(actions)})_")
        if models is not None:
            wanted = wanted.filter(content_type__model__in=models)
        return list(wanted)

    viewer = codenames("view")
    editor = viewer + codenames("add", "change") + codenames("delete", models=EDITOR_DELETES)
    publisher = editor + codenames("delete") + list(register.filter(codename="publish_convention"))
    for name, permissions in (("Viewer", viewer), ("Editor", editor), ("Publisher", publisher)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(set(permissions))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Viewer", "Editor", "Publisher"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("conventions", "0004_publication_workflow"),
        ("actors", "0001_initial"),
        ("plans", "0003_sector_region_updated_at"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
