from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import Role, User

from .models import Student


def students_visible_to(user: User) -> QuerySet[Student]:
    """Students a staff member may see: a counsellor only their own, others the institution's."""
    qs = Student.objects.filter(programme__institution=user.institution_id)
    if user.role == Role.REVIEWER:
        qs = qs.filter(counsellor=user)
    return qs


def student_search(qs: QuerySet[Student], query: str) -> QuerySet[Student]:
    if not query:
        return qs
    return qs.filter(
        Q(student_number__icontains=query)
        | Q(user__full_name__icontains=query)
        | Q(user__email__icontains=query)
    )
