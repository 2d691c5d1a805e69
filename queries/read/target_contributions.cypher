// description: CONTRIBUTES_TO links: a lower-level target and the higher-level target it contributes to
// params: none
MATCH (a:Target)-[c:CONTRIBUTES_TO]->(b:Target)
RETURN a.id AS target_id, a.value AS value, a.unit AS unit, b.id AS city_target_id,
       b.indicator AS city_indicator, b.value AS city_value, b.unit AS city_unit, c.share AS share
ORDER BY target_id, city_target_id
