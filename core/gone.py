"""410 Gone, answered the same way by the pages and the API: an address that
held something public which has since been withdrawn. Search engines drop
the address; readers and clients learn why, instead of a bare 404."""

from django.http import Http404
from django.shortcuts import render


class Gone(Exception):
    """Raised by a view; the page gets `template` with status 410
    (GoneMiddleware), an API client `{"detail": message}` (core.api)."""

    def __init__(self, message: str, *, template: str):
        super().__init__(message)
        self.message = message
        self.template = template


class GoneWhenWithdrawn:
    """For a detail view (Django's or DRF's) whose object the public may no
    longer see: `withdrawn(**url_kwargs)` says whether the address once held a
    public object, and raises nothing itself. A 404 of `get_object` becomes
    Gone(gone_message, template=gone_template) when it did."""

    gone_message: str
    gone_template: str

    def withdrawn(self, **url_kwargs) -> bool:
        raise NotImplementedError

    def get_object(self, *args, **kwargs):
        try:
            return super().get_object(*args, **kwargs)
        except Http404:
            if self.request.method in ("GET", "HEAD") and self.withdrawn(**self.kwargs):
                raise Gone(str(self.gone_message), template=self.gone_template) from None
            raise


class GoneMiddleware:
    """Renders a page's Gone (the API's is answered by DRF's handler first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Gone):
            return render(request, exception.template, {"message": exception.message}, status=410)
        return None
