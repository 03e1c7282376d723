"""The statutory catalogue headings (法定主动公开内容): 条例第二十条 for every agency, 第二十一条 by level.

Plain data, read by the model choices, the portal column and the office forms. Codes are stable: they are stored.
"""

from __future__ import annotations

# 条例第二十条：行政机关应当依照本条例第十九条的规定，主动公开本行政机关的下列政府信息。
ARTICLE_20: tuple[tuple[str, str], ...] = (
    ("art20_01", "（一）行政法规、规章和规范性文件"),
    ("art20_02", "（二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"),
    ("art20_03", "（三）国民经济和社会发展规划、专项规划、区域规划及相关政策"),
    ("art20_04", "（四）国民经济和社会发展统计信息"),
    ("art20_05", "（五）办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"),
    (
        "art20_06",
        "（六）实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
    ),
    ("art20_07", "（七）财政预算、决算信息"),
    ("art20_08", "（八）行政事业性收费项目及其依据、标准"),
    ("art20_09", "（九）政府集中采购项目的目录、标准及实施情况"),
    ("art20_10", "（十）重大建设项目的批准和实施情况"),
    ("art20_11", "（十一）扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"),
    ("art20_12", "（十二）突发公共事件的应急预案、预警信息及应对情况"),
    ("art20_13", "（十三）环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"),
    ("art20_14", "（十四）公务员招考的职位、名额、报考条件等事项以及录用结果"),
    ("art20_15", "（十五）法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"),
)

# 条例第二十一条：设区的市级、县级人民政府及其部门还应当根据本地方的具体情况，主动公开涉及……的政府信息。
ARTICLE_21_COUNTY: tuple[tuple[str, str], ...] = (
    ("art21_c1", "市政建设"),
    ("art21_c2", "公共服务"),
    ("art21_c3", "公益事业"),
    ("art21_c4", "土地征收"),
    ("art21_c5", "房屋征收"),
    ("art21_c6", "治安管理"),
    ("art21_c7", "社会救助"),
)

# 条例第二十一条：乡（镇）人民政府还应当根据本地方的具体情况，主动公开……的政府信息。
ARTICLE_21_TOWNSHIP: tuple[tuple[str, str], ...] = (
    ("art21_t1", "贯彻落实农业农村政策"),
    ("art21_t2", "农田水利工程建设运营"),
    ("art21_t3", "农村土地承包经营权流转"),
    ("art21_t4", "宅基地使用情况审核"),
    ("art21_t5", "土地征收"),
    ("art21_t6", "房屋征收"),
    ("art21_t7", "筹资筹劳"),
    ("art21_t8", "社会救助"),
)

ALL_CATEGORIES: tuple[tuple[str, str], ...] = ARTICLE_20 + ARTICLE_21_COUNTY + ARTICLE_21_TOWNSHIP
CATEGORY_LABELS: dict[str, str] = dict(ALL_CATEGORIES)

# Agency kinds (gongkai.agencies.models.AgencyKind values) that Art. 21 covers.
_COUNTY_LEVEL_KINDS = {"county_department", "county_government", "city_department", "city_government"}


def categories_for(agency_kind: str) -> tuple[tuple[str, str], ...]:
    """The headings an agency of this kind catalogues under: Art. 20 always; Art. 21 by level."""
    if agency_kind == "township":
        return ARTICLE_20 + ARTICLE_21_TOWNSHIP
    if agency_kind in _COUNTY_LEVEL_KINDS:
        return ARTICLE_20 + ARTICLE_21_COUNTY
    return ARTICLE_20


def group_label(code: str) -> str:
    if code.startswith("art20"):
        return "条例第二十条"
    return "条例第二十一条"
