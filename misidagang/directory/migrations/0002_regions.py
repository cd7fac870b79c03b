from django.db import migrations


def load(apps, schema_editor):
    from misidagang.directory.regions import load_regions

    load_regions(apps.get_model("directory", "Province"), apps.get_model("directory", "Regency"))


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
