// description: Naive baseline: one Target and its HAS_TARGET edge per statement
// params: id:str, measure_id:str, document_id:str, indicator:str, op:str, value:float, unit:str, text:str
MATCH (m:Measure {id: $measure_id})
MERGE (g:Target {id: $id})
SET g.measure_id = $measure_id, g.document_id = $document_id, g.indicator = $indicator,
    g.op = $op, g.value = $value, g.unit = $unit, g.text = $text
MERGE (m)-[:HAS_TARGET]->(g)
