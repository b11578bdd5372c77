import pytest

from lintnews.registry import Registry, load_registry
from lintnews.rule import Rule


def make(code: str, name: str, default: bool = True, origin: str = "builtin") -> type[Rule]:
    return type(
        name.title().replace("-", ""),
        (Rule,),
        {"code": code, "name": name, "default": default, "origin": origin, "summary": name},
    )


@pytest.fixture
def registry() -> Registry:
    return Registry(
        [
            make("LN101", "trailing"),
            make("LN102", "spaces"),
            make("LN201", "fused"),
            make("LN205", "spelling", default=False),
            make("AP101", "months", default=False),
        ]
    )


def codes(rules):
    return [r.code for r in rules]


def test_default_selection(registry):
    assert codes(registry.select()) == ["LN101", "LN102", "LN201"]


def test_select_replaces_defaults(registry):
    assert codes(registry.select(["AP"])) == ["AP101"]


def test_prefix_and_name_and_all(registry):
    assert codes(registry.select(["LN1"])) == ["LN101", "LN102"]
    assert codes(registry.select(["spelling"])) == ["LN205"]
    assert codes(registry.select(["ALL"])) == ["AP101", "LN101", "LN102", "LN201", "LN205"]


def test_most_specific_selector_wins(registry):
    assert codes(registry.select(["LN1"], ignore=["LN102"])) == ["LN101"]
    assert codes(registry.select(["LN102"], ignore=["LN1"])) == ["LN102"]
    # a tie goes to ignore
    assert codes(registry.select(["LN1"], ignore=["LN1"])) == []


def test_extend_select_adds_to_defaults(registry):
    assert codes(registry.select(None, ["LN205"])) == ["LN101", "LN102", "LN201", "LN205"]


def test_duplicate_code_is_an_error(registry):
    with pytest.raises(Exception, match="defined twice"):
        registry.add(make("LN101", "other"))


def test_validate_rejects_unknown(registry):
    with pytest.raises(Exception, match="unknown rule selector 'XX'"):
        registry.validate(["XX"], "cfg")


def test_pack_name_selects_its_rules():
    reg = load_registry()
    assert "LN404" in codes(reg.select(["boilerplate"]))
