from django.apps import AppConfig


class RecoveryConfig(AppConfig):
    name = "recovery"
    verbose_name = "Recovery logs"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from recovery.accounts.client import note_sign_in

        user_logged_in.connect(note_sign_in, dispatch_uid="recovery.remember_browser")
