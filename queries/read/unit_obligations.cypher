// description: Obligations of one unit: measures it leads, supports or shares, directly or through a collective unit of its government (区政府各部门, 有关部门 ...)
// params: name:str
// example: name=区财政局
// Cost: the size of the answer.  It starts from the unit (primary-key / unique-index
// lookup) and follows only its own responsibility edges (branch shared=false) and those
// of the collectives of its government(s) (branch shared=true) -- never every edge.
// One query, portable: no UNION (Neo4j would bind the final ORDER BY to the last branch
// only, and LadybugDB has no CALL {} to wrap it), no collected row lists (LadybugDB
// groups by the first list when the second is collected: quadratic in the answer), no
// variable-length hop (LadybugDB sizes its recursive join by the whole node table).
// Each of the two rows of UNWIND runs one branch; the other OPTIONAL MATCH gives nulls.
// DISTINCT keeps the answer a set when a collective is reached through two governments.
// A measure the unit holds itself is not listed again as shared (as the API answers it).
MATCH (me:Unit {name: $name})
UNWIND [false, true] AS shared
OPTIONAL MATCH (me)-[r1:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m1:Measure)<-[:HAS_MEASURE]-(t1:Task)
WHERE NOT shared
OPTIONAL MATCH (me)-[:MEMBER_OF]->(:Government)<-[:COLLECTIVE_OF]-(c:Unit)-[r2:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m2:Measure)<-[:HAS_MEASURE]-(t2:Task)
WHERE shared AND c.name <> me.name
OPTIONAL MATCH (me)-[own:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m2)
WITH me, shared, c, own,
     CASE WHEN shared THEN r2.role ELSE r1.role END AS role,
     CASE WHEN shared THEN r2.`order` ELSE r1.`order` END AS ord,
     CASE WHEN shared THEN m2.id ELSE m1.id END AS measure_id,
     CASE WHEN shared THEN m2.number ELSE m1.number END AS number,
     CASE WHEN shared THEN m2.clause ELSE m1.clause END AS clause,
     CASE WHEN shared THEN m2.text ELSE m1.text END AS text,
     CASE WHEN shared THEN t2.seq ELSE t1.seq END AS task_seq,
     CASE WHEN shared THEN t2.title ELSE t1.title END AS task_title,
     CASE WHEN shared THEN m2.deadline_kind ELSE m1.deadline_kind END AS deadline_kind,
     CASE WHEN shared THEN m2.deadline_date ELSE m1.deadline_date END AS deadline_date,
     CASE WHEN shared THEN m2.document_id ELSE m1.document_id END AS document_id
WHERE measure_id IS NOT NULL AND (NOT shared OR own IS NULL)
RETURN DISTINCT role, CASE WHEN shared THEN c.name ELSE me.name END AS via, shared, ord AS `order`,
       measure_id, number, clause, text, task_seq, task_title, deadline_kind, deadline_date, document_id
ORDER BY document_id, number, clause, shared, via, role
