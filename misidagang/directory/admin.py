from django.contrib import admin

from misidagang.directory.models import Business, Listing, Province, Regency


class ListingInline(admin.TabularInline):
    model = Listing
    extra = 0


@admin.register(Business)
class BusinessAdmin(admin.ModelAdmin):
    list_display = ("name", "legal_form", "nib", "scale", "regency", "province")
    list_filter = ("province", "scale", "legal_form")
    search_fields = ("name", "nib", "listings__text")
    inlines = [ListingInline]


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("code", "name")


@admin.register(Regency)
class RegencyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "province")
    list_filter = ("province",)
    search_fields = ("name", "code")
