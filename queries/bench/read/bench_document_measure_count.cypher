// description: Benchmarks/tests: how many measures one document has, reached through its tasks
// params: document_id:str
MATCH (d:Document {id: $document_id})-[:HAS_TASK]->(:Task)-[:HAS_MEASURE]->(m:Measure)
RETURN count(m) AS measures, count(DISTINCT m.text) AS texts
