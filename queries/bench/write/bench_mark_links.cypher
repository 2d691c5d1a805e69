// description: Tests: mark the task, measure and target link edges of one lower document (a suffix on method) so a test can tell an edge kept from an edge rewritten
// params: lower:str
MATCH (d:Document {id: $lower})-[:HAS_TASK]->(:Task)-[r:FOLLOWS]->(:Task)
SET r.method = r.method + '#kept'
WITH count(*) AS n
MATCH (d:Document {id: $lower})-[:HAS_TASK]->(:Task)-[:HAS_MEASURE]->(:Measure)-[r:IMPLEMENTS]->(:Measure)
SET r.method = r.method + '#kept'
