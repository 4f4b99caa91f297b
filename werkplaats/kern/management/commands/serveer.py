"""runserver plus the scheduled jobs, in-process: what `make run` starts."""

from django.conf import settings
from django.core.management import get_commands, load_command_class

from werkplaats.kern.planner import planner_start

# The runserver that is in effect (WhiteNoise wraps Django's): serveer changes nothing else.
RunserverCommand = type(load_command_class(get_commands()["runserver"], "runserver"))


class Command(RunserverCommand):
    help = (
        "Runs the development server and, when tasks run in-process (no Redis), the jobs "
        "of CELERY_BEAT_SCHEDULE on a thread: reminders, evaluation requests, outbox, retention."
    )

    def inner_run(self, *args, **options):
        # inner_run runs in the process that serves (with the autoreloader: the child,
        # started again after every code change), never in the reloader's watcher.
        if settings.CELERY_TASK_ALWAYS_EAGER:
            planner_start()
            self.stdout.write("Scheduled jobs run in this process (see CELERY_BEAT_SCHEDULE).")
        else:
            self.stdout.write("Tasks go to Redis: start `make worker` and `make beat` as well.")
        super().inner_run(*args, **options)
