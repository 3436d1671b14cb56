from django.db import models
from django.urls import reverse


class Actor(models.Model):
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Convention(models.Model):
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    signed_on = models.DateField()
    actors = models.ManyToManyField(Actor, related_name="conventions")

    class Meta:
        ordering = ["-signed_on", "id"]
        # The list's order, so a page is read from the index.
        indexes = [models.Index(fields=["-signed_on", "id"], name="convention_signed_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("convention-detail", args=[self.pk])
