"""The list of units matched through the department lexicon: 市场监管局 under 三台县 is
三台县市场监督管理局, and the 通报 then neither calls it 未报送 nor lists its report as 名单外."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from fazhi.batch.ingest import ingest
from fazhi.corpus import Corpus
from fazhi.export import export

from .conftest import EXAMPLES

OTHER_COUNTY = """盐亭县市场监督管理局2023年度法治政府建设工作情况报告
2023年，盐亭县市场监督管理局坚持依法行政，现将有关情况报告如下。
一、主要举措和成效
全年办理行政处罚案件41件，开展“双随机、一公开”抽查126户次，受理投诉举报312件，办结309件。
二、存在的不足和原因
执法人员结构老化，基层所办案能力不强，原因是近年新进人员少、业务培训不足。
三、党政主要负责人履行推进法治建设第一责任人职责情况
局党组书记、局长主持召开党组会专题研究法治建设2次，带头讲法治课1次。
四、2024年工作安排
开展执法人员轮训2期，完善行政执法三项制度。
盐亭县市场监督管理局
2024年3月12日
"""

REGISTRY = "单位,层级,上级\n三台县,县,绵阳市\n市场监管局,部门,三台县\n县人社局,部门,三台县\n"


def _corpus(tmp_path: Path) -> Corpus:
    d = tmp_path / "r"
    d.mkdir()
    shutil.copy(EXAMPLES / "dept_santai_market_2023.txt", d)
    (d / "盐亭县市场监管局.txt").write_text(OTHER_COUNTY, "utf-8")
    c = Corpus(tmp_path / "c.duckdb")
    ingest(c, [str(d)], workers=1)
    reg = tmp_path / "名单.csv"
    reg.write_text(REGISTRY, "utf-8")
    c.load_registry(reg)
    return c


def test_abbreviated_department_under_its_county_matches_the_full_name(tmp_path: Path) -> None:
    with _corpus(tmp_path) as c:
        st = c.status(2023, today=date(2024, 5, 1))
        by = {r["unit"]: r for r in st.to_dict("records")}
        assert by["市场监管局"]["status"] == "on_time", by["市场监管局"]
        assert "市场监督管理局" in by["市场监管局"]["title"] and "三台县" in by["市场监管局"]["title"]
        assert by["县人社局"]["status"] == "missing" and by["三台县"]["status"] == "missing"
        unlisted = [r for r in st.to_dict("records") if r["status"] == "unlisted"]
        # the other county's bureau is not 三台县's: it stays outside the list
        assert [r["unit"] for r in unlisted] == ["盐亭县市场监督管理局"]


def test_notice_does_not_call_the_matched_bureau_missing(tmp_path: Path) -> None:
    import docx

    with _corpus(tmp_path) as c:
        (out,) = export(c, tmp_path / "通报.docx", year=2023, issuer="三台县全面依法治县委员会办公室")
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    missing = next(p for p in text.split("\n") if p.startswith("三台县、") or "县人社局" in p)
    assert "市场监管局" not in missing
    assert "应报送单位3个，已报送1个" in text
