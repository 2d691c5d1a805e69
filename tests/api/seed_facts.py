"""Facts about the bundled seeds, counted by hand from the seed text (not from the loaders).

Read from ``policygraph/samples/xiqing_district_2022_task_list.txt`` (the 责任单位 column):
区财政局 before 牵头 -> lead; after 牵头 -> support; in a list with no 牵头
("A、B等按职责分工负责") -> joint.  Measures are identified by (措施序号, start of text)
so the expectation does not depend on how clauses are numbered.
"""

from __future__ import annotations

DISTRICT_FINANCE = "区财政局"

FINANCE_LEADS = [
    (7, "积极统筹中央"),
    (8, "用足用好专项债券"),
    (9, "坚持政府过紧日子"),
    (12, "积极创造条件做好隐性债务"),
    (13, "推进大规模组合式税费"),
    (15, "开展涉企违规收费"),
    (16, "优化财政资源配置"),
    (19, "科学稳妥推进新一轮街镇"),
    (19, "完善预算决策有评估"),
    (21, "继续做好“雏鹰"),
    (21, "加大研发费用加计扣除"),
    (21, "落实高新技术企业"),
    (36, "确保义务教育教师平均工资"),
]

FINANCE_SUPPORTS = [
    (15, "加大拖欠中小企业账款"),
    (17, "加强反垄断"),
    (20, "支持区内企业参与现代中医药"),
    (22, "加强对产业链重点企业"),
    (27, "稳妥有序实施城市更新"),
    (28, "做好第三次全国土壤普查"),
]

# measure numbers of the 19 "A、B…等按职责分工负责" clauses naming 区财政局 (no lead named)
FINANCE_JOINT_NUMBERS = sorted([4, 10, 11, 15, 16, 16, 16, 16, 18, 24, 25, 27, 28, 28, 30, 34, 34, 37, 39])

# measure 7: 区财政局牵头，区发展改革委、区人社局、区税务局等按职责分工负责，12月底前完成
MEASURE_7_SUPPORTS = ["区发展改革委", "区人社局", "区税务局"]

# measures 1, 3, 5, 6 (and more) are 区政府各部门分别负责: shared by every district department
SHARED_COLLECTIVE = "区政府各部门"
SHARED_NUMBERS_AT_LEAST = [1, 3, 5, 6]
