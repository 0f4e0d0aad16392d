from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from programmes.tests.factories import ProgrammeFactory, WorkProcessFactory


@pytest.mark.parametrize("crebo", ["2560", "256044", "2560a", ""])
def test_crebo_must_be_five_digits(crebo: str) -> None:
    programme = ProgrammeFactory.build(crebo=crebo)
    with pytest.raises(ValidationError) as exc:
        programme.full_clean(exclude=["institution", "team"], validate_constraints=False)
    assert "crebo" in exc.value.message_dict


@pytest.mark.parametrize("level", [0, 5])
def test_level_is_one_to_four(level: int) -> None:
    programme = ProgrammeFactory.build(level=level, crebo="25604")
    with pytest.raises(ValidationError) as exc:
        programme.full_clean(exclude=["institution", "team"], validate_constraints=False)
    assert "level" in exc.value.message_dict


def test_work_process_code_format_is_explained_in_dutch() -> None:
    wp = WorkProcessFactory.build(code="K1-W1")
    with pytest.raises(ValidationError) as exc:
        wp.full_clean(exclude=["core_task"], validate_constraints=False)
    assert "B1-K1-W1" in exc.value.message_dict["code"][0]
