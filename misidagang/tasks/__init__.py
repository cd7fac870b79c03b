"""Background work: jobs run by Django's Tasks API (the `django-tasks` backport on Django 5.2).

The public face is `misidagang.tasks.jobs` (`job`, `enqueue`, `Job.progress`) and
`misidagang.tasks.periodic` (`every`). See docs/ARCHITECTURE.md, "Background work"."""
