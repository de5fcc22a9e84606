from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class AnatomyConfig(AppConfig):
    name = "anatomy"
    verbose_name = "Leg anatomy reference"

    def ready(self):
        from anatomy.page_cache import data_changed

        # Any change to the reference data makes its cached pages out of date.
        for model in self.get_models():
            if model.__name__ == "ReferenceVersion":
                continue
            post_save.connect(data_changed, sender=model, dispatch_uid=f"ref-save-{model}")
            post_delete.connect(data_changed, sender=model, dispatch_uid=f"ref-del-{model}")
            for field in model._meta.many_to_many:
                m2m_changed.connect(
                    data_changed, sender=field.remote_field.through, dispatch_uid=f"ref-m2m-{field}"
                )
