#!/usr/bin/env python
"""The naive register's manage.py, as `django-admin startproject` writes it."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "naive.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
