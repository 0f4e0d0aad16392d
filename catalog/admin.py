from django.contrib import admin

from .models import Elective, OrganisationType, Place


@admin.register(Elective)
class ElectiveAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    list_filter = ["programmes"]
    search_fields = ["code", "name"]


@admin.register(OrganisationType)
class OrganisationTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "province", "latitude", "longitude"]
    list_filter = ["province"]
    search_fields = ["name", "municipality"]
