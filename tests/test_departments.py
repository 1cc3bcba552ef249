"""The department lexicon: names in full and in short, with the place kept, abbreviated or dropped."""
from __future__ import annotations

import pytest

from fazhi.understand.departments import (
    canonical_department,
    find_departments,
    lexicon,
    parse_unit,
    same_unit,
    short_departments_in_address,
)


@pytest.mark.parametrize("short, full", [
    ("市场监管局", "市场监督管理局"),
    ("人社局", "人力资源和社会保障局"),
    ("发改委", "发展和改革委员会"),
    ("住建局", "住房和城乡建设局"),
    ("卫健委", "卫生健康委员会"),
    ("文广旅局", "文化广电和旅游局"),
    ("编办", "机构编制委员会办公室"),
    ("政府办", "人民政府办公室"),
    ("应急局", "应急管理局"),
    ("人社厅", "人力资源和社会保障厅"),
])
def test_short_forms_expand_to_the_full_name(short, full):
    assert canonical_department(short) == full
    assert same_unit(short, full)


def test_place_department_and_level_are_taken_apart():
    u = parse_unit("三台县市场监管局")
    assert (u.place, u.department, u.place_level) == ("三台县", "市场监督管理局", "county")
    assert u.division is not None and u.division.code6 == "510722"
    u = parse_unit("四川省司法厅")
    assert (u.place, u.department, u.place_level) == ("四川省", "司法厅", "province")


def test_a_bare_level_word_stands_for_the_place():
    u = parse_unit("市人社局")
    assert u.place is None and u.level_word == "市" and u.place_level == "city"
    assert u.department == "人力资源和社会保障局"
    # a department whose own name begins with a level character is not cut
    u = parse_unit("市场监督管理局")
    assert u.level_word is None and u.department == "市场监督管理局"


def test_a_government_is_not_a_department():
    u = parse_unit("三台县人民政府")
    assert u.department is None and u.place == "三台县"
    assert not same_unit("三台县司法局", "三台县人民政府")
    assert same_unit("三台县人民政府", "三台县")


def test_places_decide_when_both_names_give_one():
    assert same_unit("三台县市场监管局", "四川省绵阳市三台县市场监督管理局")
    assert not same_unit("三台县市场监管局", "盐亭县市场监督管理局")
    assert same_unit("三台县住建局", "住房和城乡建设局")
    assert not same_unit("三台县住建局", "住房和城乡建设局", require_place=True)
    assert not same_unit("市住建局", "县住房和城乡建设局")


def test_different_departments_differ():
    assert not same_unit("三台县司法局", "三台县公安局")
    # a body that was merged away is not its successor
    assert not same_unit("工商局", "市场监督管理局")


def test_central_and_party_bodies():
    u = parse_unit("国家发改委")
    assert u.place_level == "central" and u.department == "发展和改革委员会"
    u = parse_unit("中共三台县委政法委")
    assert u.place == "三台县" and u.department == "政法委员会"


def test_unknown_department_kept_by_its_suffix():
    u = parse_unit("三台县城乡供水服务中心")
    assert u.is_department and not u.known and u.department == "城乡供水服务中心"


def test_found_in_running_text():
    hits = find_departments("去年，省司法厅指导市人社局和县市场监管局开展执法检查。")
    assert [h[3] for h in hits] == ["司法厅", "人力资源和社会保障局", "市场监督管理局"]


def test_every_written_form_maps_to_a_name_of_its_own_entry():
    lex = lexicon()
    keys = {key for _c, key in lex.forms.values()}
    assert len(keys) >= 80
    for form, (canonical, key) in lex.forms.items():
        assert lex.forms[canonical][1] == key, form


def test_a_level_word_before_a_bureaus_branch_stands_for_the_bureaus_place():
    u = parse_unit("市交通运输局游仙管理局")
    assert (u.level_word, u.department, u.place_level) == ("市", "交通运输局游仙管理局", "city")


def test_chongqings_culture_and_tourism_committee_in_short():
    assert canonical_department("文旅委") == "文化和旅游发展委员会"
    assert canonical_department("文化旅游委") == "文化和旅游发展委员会"
    assert canonical_department("文旅局") == "文化和旅游局"


def test_human_resources_bureau_written_without_social_security():
    assert canonical_department("人力资源保障局") == "人力资源和社会保障局"


def test_two_letter_initials_in_an_address_keep_every_reading():
    found = short_departments_in_address("http://cqjlp.gov.cn/zwgk/qjw_65438/t1.html")
    assert found and found[0][1] == "区"
    assert {"教育委员会", "住房和城乡建设委员会"} <= set(found[0][0])
    assert short_departments_in_address("http://cqjlp.gov.cn/zwgk/qsfj_65443/t1.html") == []
