"""Password guessing: after 5 wrong passwords for one account from one
address, the admin login and the token endpoint refuse that pair for 15
minutes, right password or not (django-axes, counted in the database that
every worker shares). The address is REMOTE_ADDR unless NUM_PROXIES declares
proxies: a rotating X-Forwarded-For does not start a fresh count."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY, get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db

PASSWORD = "Bon-mot-de-passe-2026"
LOCKED = "Trop de tentatives de connexion échouées pour ce compte depuis cette adresse"


@pytest.fixture
def staff():
    return get_user_model().objects.create_user("gardienne", password=PASSWORD, is_staff=True, is_superuser=True)


def admin_login(client, password, **extra):
    return client.post(reverse("admin:login"), {"username": "gardienne", "password": password}, **extra)


def token_request(client, password, **extra):
    return client.post(
        reverse("v1:token"), {"username": "gardienne", "password": password}, content_type="application/json", **extra
    )


def test_five_wrong_passwords_lock_the_admin_login_even_for_the_right_one(staff):
    client = Client()
    for _attempt in range(5):
        admin_login(client, "devine")

    response = admin_login(client, PASSWORD)

    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert int(response["Retry-After"]) == 15 * 60
    assert SESSION_KEY not in client.session
    assert client.get(reverse("admin:index")).status_code == 302  # still sent to the login page


def test_fewer_failures_than_the_limit_do_not_get_in_the_way(staff):
    client = Client()
    for _attempt in range(4):
        assert admin_login(client, "devine").status_code == 200

    assert admin_login(client, PASSWORD).status_code == 302
    assert client.session[SESSION_KEY] == str(staff.pk)


def test_a_rotating_x_forwarded_for_does_not_reset_the_count(staff):
    client = Client()
    for attempt in range(5):
        admin_login(client, "devine", headers={"X-Forwarded-For": f"203.0.113.{attempt}"})

    response = admin_login(client, PASSWORD, headers={"X-Forwarded-For": "198.51.100.77"})

    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    # One count, for the connection's address, shared by every worker through the database.
    attempt = AccessAttempt.objects.get(username="gardienne")
    assert attempt.ip_address == "127.0.0.1"
    assert attempt.failures_since_start >= 5


def test_the_lockout_is_per_account_and_address(staff):
    get_user_model().objects.create_user("collegue", password=PASSWORD, is_staff=True)
    for _attempt in range(5):
        admin_login(Client(), "devine")

    from_elsewhere = Client(REMOTE_ADDR="192.0.2.10")
    assert admin_login(from_elsewhere, PASSWORD).status_code == 302
    colleague = Client()
    response = colleague.post(reverse("admin:login"), {"username": "collegue", "password": PASSWORD})
    assert response.status_code == 302


def test_the_lockout_ends_after_the_cool_off(staff):
    client = Client()
    for _attempt in range(5):
        admin_login(client, "devine")
    assert admin_login(client, PASSWORD).status_code == 429

    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))

    assert admin_login(client, PASSWORD).status_code == 302


def test_five_wrong_passwords_lock_the_token_endpoint(staff):
    client = Client()
    for _attempt in range(4):
        assert token_request(client, "devine").status_code == 400
    assert token_request(client, "devine").status_code == 429  # the fifth failure locks

    response = token_request(client, PASSWORD)

    assert response.status_code == 429
    assert LOCKED in response.json()["detail"]
    assert int(response["Retry-After"]) == 15 * 60
    assert not Token.objects.filter(user=staff).exists()


def test_the_token_endpoint_ignores_a_rotating_x_forwarded_for(staff):
    client = Client()
    for attempt in range(5):
        token_request(client, "devine", headers={"X-Forwarded-For": f"203.0.113.{attempt}"})

    response = token_request(client, PASSWORD, headers={"X-Forwarded-For": "198.51.100.77"})

    assert response.status_code == 429
    assert not Token.objects.filter(user=staff).exists()


def test_failures_on_the_admin_count_for_the_token_endpoint_too(staff):
    client = Client()
    for _attempt in range(5):
        admin_login(client, "devine")

    assert token_request(client, PASSWORD).status_code == 429


def test_the_right_password_gets_the_token(staff):
    response = token_request(Client(), PASSWORD)

    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=staff).key}


def test_the_lockout_message_speaks_the_requests_language(staff):
    client = Client()
    for _attempt in range(5):
        token_request(client, "devine")

    english = token_request(client, PASSWORD, headers={"Accept-Language": "en"}).json()["detail"]
    arabic = token_request(client, PASSWORD, headers={"Accept-Language": "ar"}).json()["detail"]

    assert "15 minutes" in english and LOCKED not in english
    assert "15" in arabic and LOCKED not in arabic


def test_behind_declared_proxies_the_count_follows_the_address_the_proxy_saw(staff, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    client = Client(REMOTE_ADDR="10.0.0.2")  # the load balancer
    for attempt in range(5):
        # The client's own X-Forwarded-For entries come first; the balancer appends the address it saw.
        admin_login(client, "devine", headers={"X-Forwarded-For": f"203.0.113.{attempt}, 198.51.100.7"})

    same_client = admin_login(client, PASSWORD, headers={"X-Forwarded-For": "203.0.113.99, 198.51.100.7"})
    other_client = admin_login(Client(REMOTE_ADDR="10.0.0.2"), PASSWORD, headers={"X-Forwarded-For": "192.0.2.44"})

    assert same_client.status_code == 429
    assert other_client.status_code == 302
