from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "sifang.demo"
    label = "demo"
    verbose_name = "Demo data"
