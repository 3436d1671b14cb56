"""Documents are downloaded through here, never from the storage's own
address: the view checks publication first.

A document of a published convention is served to anyone; one of a draft, a
convention in review or an archived one only to a signed-in user who may read
every state (Convention.objects.visible_to: the Viewer, Editor and Publisher
groups), by session or by API token; anyone else gets 404, as for any
unpublished page. The file is read from the default storage (the file system,
or S3 when a bucket is configured), so production serves documents without a
separate web server, and always as an attachment, with the media type of the
extension its content was checked against (core/validators.py) and
`nosniff`: an upload never becomes a page of the site.
"""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from .models import Convention, Document


def _reader(request):
    """The session's user, or the API token's (an integrator reads back the
    draft's document it uploaded); a bad token reads as anonymous."""
    if request.user.is_authenticated or "HTTP_AUTHORIZATION" not in request.META:
        return request.user
    try:
        authenticated = TokenAuthentication().authenticate(request)
    except AuthenticationFailed:
        return request.user
    return authenticated[0] if authenticated else request.user


@require_safe
def document_download(request, pk: int):
    """One query: the document, if its convention is visible to the reader."""
    document = get_object_or_404(
        Document.objects.filter(convention__in=Convention.objects.visible_to(_reader(request))).select_related(
            "convention"
        ),
        pk=pk,
    )
    try:
        handle = document.file.storage.open(document.file.name, "rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=True, filename=document.download_name, content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    # A draft's file must stay out of shared caches; a published one may be kept a while.
    published = document.convention.publication_state == Convention.PublicationState.PUBLISHED
    response["Cache-Control"] = "public, max-age=3600" if published else "private, no-store"
    return response
