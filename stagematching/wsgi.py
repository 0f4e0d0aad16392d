import os

from django.core.wsgi import get_wsgi_application

from stagematching.warmup import warm_up

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stagematching.settings")
application = get_wsgi_application()

# Render one page now, so the first request of every gunicorn worker is not slow
# (stagematching/warmup.py; with --preload it runs once, in the master process).
warm_up(application)
