from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Учётные записи участников"

    def ready(self) -> None:
        from accounts.actions import accounts_for_imported
        from people.signals import people_imported

        # «Создать учётные записи» in the people import (issue 19).
        people_imported.connect(accounts_for_imported, dispatch_uid="accounts-for-imported")
