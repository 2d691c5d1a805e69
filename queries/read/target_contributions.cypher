// description: CONTRIBUTES_TO links: a lower-level target, the higher-level target it contributes to, the share in common units and the conversion that made them common ('' when both are in one unit)
// params: none
MATCH (a:Target)-[c:CONTRIBUTES_TO]->(b:Target)
RETURN a.id AS target_id, a.value AS value, a.unit AS unit, b.id AS city_target_id,
       b.indicator AS city_indicator, b.value AS city_value, b.value_max AS city_value_max, b.unit AS city_unit,
       c.share AS share, c.conversion AS conversion, c.method AS method
ORDER BY target_id, city_target_id
