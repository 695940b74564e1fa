from django.db import migrations
from django.utils.text import slugify

# The topics events are filed under. Reference data: new topics come in new migrations.
TOPICS = [
    "Accessibility",
    "Agile delivery",
    "Artificial intelligence",
    "Cloud and infrastructure",
    "Content design",
    "Cyber security",
    "Data and analytics",
    "Digital inclusion",
    "Digital leadership",
    "Open data",
    "Open source",
    "Procurement",
    "Service design",
    "Skills and training",
    "User research",
]


def add_topics(apps, schema_editor):
    Topic = apps.get_model("events", "Topic")
    for name in TOPICS:
        Topic.objects.get_or_create(slug=slugify(name), defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(add_topics, migrations.RunPython.noop)]
