// LadybugDB spelling: one hop per MATCH, each from the nodes the previous one bound, and
// no label on a far end nobody reads.  Written as one pattern, LadybugDB 0.22 plans hash
// joins over whole node tables (load_clear_responsibilities: 370 ms per document at 400
// loaded documents, for a first load that deletes nothing; 40 ms this way).  Each WITH
// carries the UNWIND variable: a WITH of a lone node variable after UNWIND fails with
// "Cannot evaluate expression with type VARIABLE" on 0.22.
UNWIND $document_ids AS document_id
MATCH (d:Document {id: document_id})
WITH d, document_id
MATCH (d)-[:HAS_TASK]->(t:Task)
WITH t, document_id
MATCH (t)-[:HAS_MEASURE]->(m:Measure)
WITH m, document_id
MATCH (m)-[:HAS_TARGET]->(g:Target)
DETACH DELETE g
