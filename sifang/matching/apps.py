from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "sifang.matching"
    label = "matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from sifang.market.signals import listing_changed
        from sifang.people.models import Person

        from . import receivers

        listing_changed.connect(receivers.on_listing_changed, dispatch_uid="matching_listing_changed")
        post_save.connect(receivers.on_person_saved, sender=Person, dispatch_uid="matching_person_saved")
        post_delete.connect(receivers.on_person_saved, sender=Person, dispatch_uid="matching_person_deleted")
