from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "admin"


class Command(BaseCommand):
    help = "Create the local demo superuser admin/admin (development only) and say how to log in."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Refused: the demo superuser is for development (DEBUG=1) only.")
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=USERNAME, defaults={"is_staff": True, "is_superuser": True, "email": "admin@localhost"}
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: http://127.0.0.1:8000/admin/  user '{USERNAME}', password "
                + (f"'{PASSWORD}'" if created else "unchanged (the account already existed)")
            )
        )
