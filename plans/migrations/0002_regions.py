"""The 12 regions of the 2015 territorial division, with their ISO 3166-2 codes."""

from django.db import migrations

REGIONS = [
    ("MA-01", "tanger-tetouan-al-hoceima", "Tanger-Tétouan-Al Hoceïma", "جهة طنجة تطوان الحسيمة", "Tangier-Tetouan-Al Hoceima"),
    ("MA-02", "oriental", "L'Oriental", "جهة الشرق", "Oriental"),
    ("MA-03", "fes-meknes", "Fès-Meknès", "جهة فاس مكناس", "Fez-Meknes"),
    ("MA-04", "rabat-sale-kenitra", "Rabat-Salé-Kénitra", "جهة الرباط سلا القنيطرة", "Rabat-Sale-Kenitra"),
    ("MA-05", "beni-mellal-khenifra", "Béni Mellal-Khénifra", "جهة بني ملال خنيفرة", "Beni Mellal-Khenifra"),
    ("MA-06", "casablanca-settat", "Casablanca-Settat", "جهة الدار البيضاء سطات", "Casablanca-Settat"),
    ("MA-07", "marrakech-safi", "Marrakech-Safi", "جهة مراكش آسفي", "Marrakesh-Safi"),
    ("MA-08", "draa-tafilalet", "Drâa-Tafilalet", "جهة درعة تافيلالت", "Draa-Tafilalet"),
    ("MA-09", "souss-massa", "Souss-Massa", "جهة سوس ماسة", "Souss-Massa"),
    ("MA-10", "guelmim-oued-noun", "Guelmim-Oued Noun", "جهة كلميم واد نون", "Guelmim-Oued Noun"),
    ("MA-11", "laayoune-sakia-el-hamra", "Laâyoune-Sakia El Hamra", "جهة العيون الساقية الحمراء", "Laayoune-Sakia El Hamra"),
    ("MA-12", "dakhla-oued-ed-dahab", "Dakhla-Oued Ed-Dahab", "جهة الداخلة وادي الذهب", "Dakhla-Oued Ed-Dahab"),
]


def add_regions(apps, schema_editor):
    Region = apps.get_model("plans", "Region")
    for code, slug, fr, ar, en in REGIONS:
        Region.objects.update_or_create(
            code=code, defaults={"slug": slug, "name": fr, "name_fr": fr, "name_ar": ar, "name_en": en}
        )


def remove_regions(apps, schema_editor):
    Region = apps.get_model("plans", "Region")
    Region.objects.filter(code__in=[code for code, *_ in REGIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [migrations.RunPython(add_regions, remove_regions)]
