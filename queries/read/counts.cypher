// description: Number of nodes per label and relationships per type
// params: none
// (aggregate first, then add the constant columns: with constants as grouping keys an empty match gives no row at all)
MATCH (n:Document) WITH count(n) AS n RETURN 'node' AS kind, 'Document' AS name, n
UNION ALL MATCH (n:Task) WITH count(n) AS n RETURN 'node' AS kind, 'Task' AS name, n
UNION ALL MATCH (n:Measure) WITH count(n) AS n RETURN 'node' AS kind, 'Measure' AS name, n
UNION ALL MATCH (n:Unit) WITH count(n) AS n RETURN 'node' AS kind, 'Unit' AS name, n
UNION ALL MATCH (n:Government) WITH count(n) AS n RETURN 'node' AS kind, 'Government' AS name, n
UNION ALL MATCH (n:Deadline) WITH count(n) AS n RETURN 'node' AS kind, 'Deadline' AS name, n
UNION ALL MATCH (n:Target) WITH count(n) AS n RETURN 'node' AS kind, 'Target' AS name, n
UNION ALL MATCH (:Document)-[r:HAS_TASK]->(:Task) WITH count(r) AS n RETURN 'rel' AS kind, 'HAS_TASK' AS name, n
UNION ALL MATCH (:Task)-[r:HAS_MEASURE]->(:Measure) WITH count(r) AS n RETURN 'rel' AS kind, 'HAS_MEASURE' AS name, n
UNION ALL MATCH (:Unit)-[r:LEADS]->(:Measure) WITH count(r) AS n RETURN 'rel' AS kind, 'LEADS' AS name, n
UNION ALL MATCH (:Unit)-[r:SUPPORTS]->(:Measure) WITH count(r) AS n RETURN 'rel' AS kind, 'SUPPORTS' AS name, n
UNION ALL MATCH (:Unit)-[r:JOINTLY_RESPONSIBLE]->(:Measure) WITH count(r) AS n RETURN 'rel' AS kind, 'JOINTLY_RESPONSIBLE' AS name, n
UNION ALL MATCH (:Measure)-[r:DUE]->(:Deadline) WITH count(r) AS n RETURN 'rel' AS kind, 'DUE' AS name, n
UNION ALL MATCH (:Measure)-[r:HAS_TARGET]->(:Target) WITH count(r) AS n RETURN 'rel' AS kind, 'HAS_TARGET' AS name, n
UNION ALL MATCH (:Unit)-[r:MEMBER_OF]->(:Government) WITH count(r) AS n RETURN 'rel' AS kind, 'MEMBER_OF' AS name, n
UNION ALL MATCH (:Unit)-[r:COLLECTIVE_OF]->(:Government) WITH count(r) AS n RETURN 'rel' AS kind, 'COLLECTIVE_OF' AS name, n
UNION ALL MATCH ()-[r:IMPLEMENTS]->() WITH count(r) AS n RETURN 'rel' AS kind, 'IMPLEMENTS' AS name, n
UNION ALL MATCH (:Task)-[r:FOLLOWS]->(:Task) WITH count(r) AS n RETURN 'rel' AS kind, 'FOLLOWS' AS name, n
UNION ALL MATCH (:Unit)-[r:COUNTERPART_OF]->(:Unit) WITH count(r) AS n RETURN 'rel' AS kind, 'COUNTERPART_OF' AS name, n
UNION ALL MATCH (:Unit)-[r:BRANCH_OF]->(:Unit) WITH count(r) AS n RETURN 'rel' AS kind, 'BRANCH_OF' AS name, n
UNION ALL MATCH (:Target)-[r:CONTRIBUTES_TO]->(:Target) WITH count(r) AS n RETURN 'rel' AS kind, 'CONTRIBUTES_TO' AS name, n
