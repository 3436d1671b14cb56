from django.contrib import admin

from .models import Actor, Convention

admin.site.register(Actor)
admin.site.register(Convention)
