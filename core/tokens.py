"""POST /api/v1/token/: a writer's API token for its username and password,
guarded against password guessing like the admin login (django-axes: a few
failures for one account from one address lock that pair out, 429;
core/lockout.py)."""

from django.contrib.auth import user_logged_in
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response
from rest_framework.views import APIView


class TokenSerializer(AuthTokenSerializer):
    # No longer than a username can be (auth.User): the lockouts store what was tried.
    username = serializers.CharField(
        label=AuthTokenSerializer._declared_fields["username"].label, write_only=True, max_length=150
    )


class TokenView(ObtainAuthToken):
    """Your API token (created on the first request): send it as
    `Authorization: Token …`. After 5 wrong passwords for one account from one
    address, that account is refused from that address for 15 minutes, right
    password or not (429 with Retry-After)."""

    serializer_class = TokenSerializer
    # Asked for with a password, never with a token or a session.
    authentication_classes = ()
    # The API's own rate limits and parsers (DRF's view turns its limits off).
    throttle_classes = APIView.throttle_classes
    parser_classes = APIView.parser_classes

    def get_serializer_context(self):
        # django-axes marks the request it is given as locked out, and its
        # middleware reads the mark on Django's request, not on DRF's wrapper.
        return {**super().get_serializer_context(), "request": self.request._request}

    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        # A success counts as the admin's does: last_login, and django-axes
        # clears the account's failures from this address.
        user_logged_in.send(sender=type(user), request=request._request, user=user)
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
