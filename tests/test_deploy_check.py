"""`sifang check --deploy` passes with production variables (no warnings)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k3y-for-the-deploy-check-" + "x7Qp2LmZ9vRt4WcY8nBd6HsJ1fGa5" * 2,
    "ALLOWED_HOSTS": "sifang.example.gov.cn",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
}


def test_deploy_check_passes_with_production_variables(tmp_path):
    # Other tests in this process may set development-only variables (the browser tests allow
    # sync ORM calls next to Playwright): a deployment has none of them.
    dev_only = {"DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in dev_only}
    env.update(PRODUCTION)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'deploy.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "-m", "sifang.cli", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
