from django.apps import AppConfig


class RecoveryConfig(AppConfig):
    name = "recovery"
    verbose_name = "Recovery logs"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from recovery.accounts.client import note_sign_in
        from recovery.common.submissions import forget_old

        user_logged_in.connect(note_sign_in, dispatch_uid="recovery.remember_browser")
        user_logged_in.connect(forget_old, dispatch_uid="recovery.forget_old_form_keys")
