from pathlib import Path

import pytest

from lintnews.config import Config, discover_config, find_config_file, load_config_file
from lintnews.diagnostics import Severity
from lintnews.engine import Linter
from lintnews.errors import ConfigError


def test_lintnews_toml_is_found_walking_up(tmp_path: Path):
    (tmp_path / "lintnews.toml").write_text('select = ["LN1"]\nfail-on = "error"\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config_file(deep) == tmp_path / "lintnews.toml"
    config = discover_config(deep)
    assert config.select == ("LN1",)
    assert config.fail_on is Severity.ERROR
    assert config.root == tmp_path


def test_pyproject_without_tool_section_is_skipped(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname='x'\n")
    assert find_config_file(tmp_path) is None


def test_pyproject_tool_section(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.lintnews]\nignore = ["LN102"]\n[tool.lintnews.per-file-ignores]\n"wire/*.txt" = ["LN1"]\n'
        '[tool.lintnews.vocabulary]\naccept = ["Netanyahu"]\n'
    )
    config = load_config_file(tmp_path / "pyproject.toml")
    assert config.ignore == ("LN102",)
    assert config.per_file_ignores == {"wire/*.txt": ("LN1",)}
    assert "Netanyahu" in config.vocabulary.accept


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('selcet = ["LN1"]\n', "unknown config key 'selcet'"),
        ('select = "LN1"\nfail-on = "fatal"\n', "'fail-on': unknown severity 'fatal'"),
        ("unsafe-fixes = 1\n", "'unsafe-fixes' must be true or false"),
        ("[vocabulary]\nallow = []\n", "unknown key 'vocabulary.allow'"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_bad_config_names_the_file_and_key(tmp_path: Path, body: str, message: str):
    path = tmp_path / "lintnews.toml"
    path.write_text(body)
    with pytest.raises(ConfigError) as err:
        load_config_file(path)
    assert str(err.value).startswith(str(path))
    assert message in str(err.value)


def test_unknown_rule_code_is_an_error():
    with pytest.raises(ConfigError, match="unknown rule selector 'LN999'"):
        Linter(Config(select=("LN999",)))


def test_unknown_rule_option_is_an_error():
    with pytest.raises(ConfigError, match="unknown option"):
        Linter(Config(rule_options={"LN102": {"colour": "red"}}))


def test_options_for_unknown_rule_is_an_error():
    with pytest.raises(ConfigError, match="options given for unknown rule 'LN998'"):
        Linter(Config(rule_options={"LN998": {}}))


def test_missing_pack_in_config_is_an_error(tmp_path: Path):
    (tmp_path / "lintnews.toml").write_text('packs = ["style/house.toml"]\n')
    config = load_config_file(tmp_path / "lintnews.toml")
    with pytest.raises(ConfigError, match="rule pack not found"):
        Linter(config)


def test_local_pack_from_config_adds_rules(tmp_path: Path):
    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "house.toml").write_text(
        '[pack]\nname = "house"\n[[rules]]\ncode = "HS1"\nname = "no-very"\ntype = "existence"\n'
        'summary = "Avoid very"\ntokens = ["very"]\ndefault = true\n'
    )
    (tmp_path / "lintnews.toml").write_text('packs = ["style/house.toml"]\n')
    linter = Linter(load_config_file(tmp_path / "lintnews.toml"))
    assert [d.code for d in linter.check("A very fine day.\n")] == ["HS1"]


def test_per_file_ignores(tmp_path: Path):
    config = Config(root=tmp_path, select=("LN102",), per_file_ignores={"wire/*.txt": ("LN1",)})
    linter = Linter(config)
    assert linter.check("a  b\n", str(tmp_path / "wire" / "x.txt")) == []
    assert [d.code for d in linter.check("a  b\n", str(tmp_path / "desk" / "x.txt"))] == ["LN102"]


def test_fixable_and_unfixable(tmp_path: Path):
    linter = Linter(Config(select=("LN102",), unfixable=("LN102",)))
    result = linter.fix("a  b\n")
    assert result.text == "a  b\n"
    assert [d.code for d in result.remaining] == ["LN102"]


def test_min_severity_drops_lower_findings():
    linter = Linter(Config(select=("LN102",), min_severity=Severity.ERROR))
    assert linter.check("a  b\n") == []


def test_config_default_values():
    config = Config()
    assert config.fail_on is Severity.WARNING
    assert config.select is None
