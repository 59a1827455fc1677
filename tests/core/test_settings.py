import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "SECRET_KEY": "x7Qm2vTz9LwR4pK8sN1bH6yJ3cF5gD0aE-Ut_Vo!Zi@Xe#Yr$Wq%Ps^Mn&Lk*Jh",
    "ALLOWED_HOSTS": "cocrea.example.cl",
    "DATABASE_URL": "sqlite:////tmp/cocrea-check.sqlite3",
}


def run_manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_manage("check", "--settings=lms.settings.production", env={})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_deploy_check_is_clean_with_the_documented_variables(tmp_path):
    env = {**PRODUCTION_ENV, "CREDENTIAL_KEYS_DIR": str(tmp_path / "keys")}
    keys = run_manage("credential_keys", "generate", "--settings=lms.settings.production", env=env)
    assert keys.returncode == 0, keys.stderr
    result = run_manage("check", "--deploy", "--settings=lms.settings.production", env=env)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stderr + result.stdout


def test_demo_cookies_work_over_plain_http():
    from lms.settings import dev

    assert not getattr(dev, "SESSION_COOKIE_SECURE", False)
    assert not getattr(dev, "CSRF_COOKIE_SECURE", False)
