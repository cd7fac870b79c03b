from django.contrib import admin

from misidagang.missions.models import Mission, Organisation, Participant


@admin.register(Mission)
class MissionAdmin(admin.ModelAdmin):
    list_display = ("name", "host_province", "starts_at", "status", "is_historical")
    list_filter = ("status", "is_historical", "host_province")
    search_fields = ("name", "host_city")
    filter_horizontal = ("organisers", "clerks")


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ("business", "mission", "side", "role", "status", "facilitator")
    list_filter = ("side", "role", "status", "mission")
    raw_id_fields = ("business",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "province")
    list_filter = ("kind",)
