"""Rubrics as data: the default rubric, validation of user rubrics, and that a rubric file
alone (no code) decides the score."""
from __future__ import annotations

import re
from importlib import resources

import pytest

import fazhi
from fazhi.scoring import RubricError, default_rubric, load_rubric, score
from fazhi.scoring.rubric import RULES, parse_text

from .conftest import ROOT
from .scoring_samples import SAMPLES, Sample

DEFAULT_TEXT = resources.files("fazhi.data").joinpath("rubric.toml").read_text("utf-8")


def test_default_rubric_is_complete_and_sums_to_100():
    r = default_rubric()
    assert (r.name, r.version) == ("fazhi-default", "1.0")
    assert r.max == 100
    assert [d.id for d in r.dimensions] == ["contents", "publication", "data", "specificity", "coverage", "text"]
    ids = [i.id for i in r.items]
    assert len(ids) == len(set(ids)) == 15
    for item in r.items:
        assert re.search(r"[\u4e00-\u9fff]", item.name), item.id
        assert len(re.findall(r"[\u4e00-\u9fff]", item.description)) >= 20, item.id
        assert item.weight > 0
        assert item.codes()[0] == 0.0 and item.codes()[-1] == 1.0, item.id
    # every rule kind the project ships is used by the default rubric
    assert {i.rule for i in r.items} == set(RULES)


def test_digest_ignores_comments_but_not_weights():
    r0 = default_rubric()
    commented = parse_text("# a comment\n" + DEFAULT_TEXT.replace("weight = 10\nrule = \"content\"\ncontent = \"measures\"",
                                                                  "weight = 10  # ten points\nrule = \"content\"\ncontent = \"measures\""), "toml")
    assert commented.digest == r0.digest
    heavier = parse_text(DEFAULT_TEXT.replace("weight = 10\nrule = \"content\"\ncontent = \"measures\"",
                                              "weight = 12\nrule = \"content\"\ncontent = \"measures\""), "toml")
    assert heavier.digest != r0.digest
    assert heavier.max == 102


def test_changing_a_weight_in_the_file_changes_the_score(tmp_path):
    """The rubric file alone decides: a new weight for timeliness moves the total by exactly
    the change times the item's code, with no code change."""
    report = fazhi.analyze_text(Sample("late", published="2024-04-08").text(), source="late.txt")
    base = score(report, default_rubric())
    assert base["parts"]["publication"]["items"]["timeliness"]["code"] == 0.0
    f = tmp_path / "r.toml"
    f.write_text(DEFAULT_TEXT.replace('version = "1.0"', 'version = "1.0-test"')
                 .replace("weight = 4\nrule = \"findings\"\nchecks = [\"missing_title\"",
                          "weight = 9\nrule = \"findings\"\nchecks = [\"missing_title\""), "utf-8")
    custom = load_rubric(f)
    s = score(report, custom)
    assert s["rubric"]["version"] == "1.0-test"
    assert s["parts"]["publication"]["items"]["title_year"]["max"] == 9
    assert s["total"] == pytest.approx(base["total"] + 5 * base["parts"]["publication"]["items"]["title_year"]["code"])
    # and changing a level changes it too: a late report earns half the points
    f.write_text(DEFAULT_TEXT.replace("late = 0.0, no_date", "late = 0.5, no_date"), "utf-8")
    s2 = score(report, load_rubric(f))
    assert s2["total"] == pytest.approx(base["total"] + 4)


def test_a_user_rubric_with_its_own_items(tmp_path):
    f = tmp_path / "mine.toml"
    f.write_text('''
name = "县级考核"
version = "2024.1"
[[dimensions]]
id = "d"
name = "复议与应诉"
[[dimensions.items]]
id = "fy"
name = "报告复议数据"
weight = 3
rule = "indicators"
groups = { reconsideration = "行政复议" }
steps = [[0, 0], [1, 1]]
[[dimensions.items]]
id = "fy_area"
name = "复议有专门报告"
weight = 2
rule = "coverage"
measure = "count"
areas = ["disputes.reconsideration"]
steps = [[0, 0], [1, 1]]
''', "utf-8")
    r = load_rubric(f)
    with_fy = score(fazhi.analyze_text(Sample("full").text()), r)
    without = score(fazhi.analyze_text(Sample("x", reconsideration=False).text()), r)
    assert with_fy["total"] == 5 and with_fy["max"] == 5
    assert without["total"] == 0
    assert "未报告：行政复议" in without["parts"]["d"]["items"]["fy"]["reason"]


def test_yaml_rubric_scores_like_toml(tmp_path):
    yaml = pytest.importorskip("yaml")
    import tomllib

    data = tomllib.loads(DEFAULT_TEXT)
    f = tmp_path / "r.yaml"
    f.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    ry = load_rubric(f)
    assert ry.format == "yaml" and ry.digest == default_rubric().digest
    rep = fazhi.analyze_text(SAMPLES[0].text())
    assert score(rep, ry)["total"] == score(rep, default_rubric())["total"]


@pytest.mark.parametrize("text, expect", [
    ('version = "1"\n[[dimensions]]\nid="d"\n[[dimensions.items]]\nid="a"\nweight=1\nrule="content"', "缺少 name"),
    ('name = "x"\nversion = 1.0\n[[dimensions]]\nid="d"\n[[dimensions.items]]\nid="a"\nweight=1\nrule="content"', "version"),
    ('name = "x"\nversion = "1"', "缺少 dimensions"),
    ('name = "x"\nversion = "1"\n[[dimensions]]\nid="d"\n[[dimensions.items]]\nid="a"\nweight=1\nrule="nope"', "不是已知的规则类型"),
    ('name = "x"\nversion = "1"\n[[dimensions]]\nid="d"\n[[dimensions.items]]\nid="a"\nweight=-1\nrule="content"', "weight"),
    ('name = "x"\nversion = "1"\n[[dimensions]]\nid="d"\n[[dimensions.items]]\nid="a"\nweight=1\nrule="content"\ncontent="plans"', "参数 content"),
    ('name = "x"\nversion = "1"\n[[dimensions]]\nid="d"\n[[dimensions.items]]\nid="a"\nweight=1\nrule="content"\ncolour="red"', "没有参数“colour”"),
    ('name = "x"\nversion = "1"\n[[dimensions]]\nid="d"\n[[dimensions.items]]\nid="a"\nweight=1\nrule="findings"\nchecks=["no_such_check"]', "未知的检查项"),
    ('name = "x"\nversion = "1"\n[[dimensions]]\nid="d"\n[[dimensions.items]]\nid="a"\nweight=1\nrule="findings"\nchecks=["typo"]\nsteps=[[0,1],[0,0.5]]', "严格递增"),
    ('name = "x"\nversion = "1"\n[[dimensions]]\nid="d"\n[[dimensions.items]]\nid="a"\nweight=1\nrule="findings"\nchecks=["typo"]\nsteps=[[0,1.5]]', "0 到 1"),
    ('name = "x"\nversion = "1"\n[[dimensions]]\nid="d"\n[[dimensions.items]]\nid="a"\nweight=1\nrule="timeliness"\nlevels={soon=1}', "soon"),
    ('name = "x"\nversion = "1"\n[[dimensions]]\nid="d"\n[[dimensions.items]]\nid="a"\nweight=1\nrule="coverage"\nareas=["moon"]', "未知的领域"),
    ('name = "x"\nversion = "1"\n[[dimensions]]\nid="d"\n[[dimensions.items]]\nid="a"\nweight=1\nrule="content"\n'
     '[[dimensions.items]]\nid="a"\nweight=1\nrule="content"', "重复"),
    ('name = "x"\nversion = "1"\n[[dimensions]]\nid="d"\n[[dimensions.items]]\nid="a b"\nweight=1\nrule="content"', "id 缺失或不合法"),
    ('name = "x"\nversion = "1"\nweights = 3\n[[dimensions]]\nid="d"\n[[dimensions.items]]\nid="a"\nweight=1\nrule="content"', "未知的顶层键"),
    ('name = "x" version', "不是有效的TOML"),
])
def test_invalid_rubrics_are_explained_in_chinese(text, expect):
    with pytest.raises(RubricError) as e:
        parse_text(text, "toml", "坏细则.toml")
    assert expect in str(e.value)
    assert "坏细则.toml" in str(e.value)


def test_all_problems_are_listed_at_once():
    text = 'name = "x"\nversion = "1"\n[[dimensions]]\nid="d"\n[[dimensions.items]]\nid="a"\nweight=-1\nrule="content"\n' \
           '[[dimensions.items]]\nid="b"\nweight=1\nrule="nope"'
    with pytest.raises(RubricError) as e:
        parse_text(text, "toml")
    assert len(e.value.problems) == 2


def test_missing_file_is_a_rubric_error(tmp_path):
    with pytest.raises(RubricError, match="找不到文件"):
        load_rubric(tmp_path / "none.toml")


def test_docs_describe_the_default_rubric_and_every_rule_kind():
    """docs/scoring.md carries the default rubric's table exactly as `fazhi rubric -f markdown`
    prints it, and documents every rule kind and parameter."""
    from fazhi.cli.score import rubric_markdown

    doc = (ROOT / "docs" / "scoring.md").read_text("utf-8")
    assert rubric_markdown(default_rubric()) in doc
    for kind in RULES.values():
        assert f"`{kind.name}`" in doc, kind.name
        for p in kind.params:
            assert f"`{p}`" in doc, (kind.name, p)



def test_a_rubric_may_change_severities():
    text = DEFAULT_TEXT.replace('version = "1.0"', 'version = "1.0-strict"', 1) + '\n[severity]\ncauses_missing = "error"\n'
    strict = parse_text(text, "toml", "strict.toml")
    assert strict.severity == {"causes_missing": "error"} and strict.digest != default_rubric().digest
    report = fazhi.analyze_text("固安县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n"
                                "县政府主要负责人履行第一责任人职责，全年受理行政复议案件40件，办结36件。" * 3 +
                                "\n二、存在的问题\n执法人员专业素质有待提高。\n三、2024年工作安排\n下一步，我县将组织培训6期。\n")
    assert [f.severity for f in report.findings if f.check == "causes_missing"] == ["warning"]
    score(report, strict)
    assert [f.severity for f in report.findings if f.check == "causes_missing"] == ["error"]
    with pytest.raises(RubricError, match="no_such_check"):
        parse_text(DEFAULT_TEXT + '\n[severity]\nno_such_check = "error"\n', "toml")
    with pytest.raises(RubricError, match="fatal"):
        parse_text(DEFAULT_TEXT + '\n[severity]\ntypo = "fatal"\n', "toml")
