// description: Neo4j uniqueness constraints, lookup indexes (also for the free Progress and Token nodes) and the CJK full-text index on Measure.text
// params: none
// Relationship properties are not declared in Neo4j; IMPLEMENTS between measures carries method, score, is_primary (the lower measure's best link) and evidence (the features that fired), as in schema.ladybug.cypher.
// Node properties are not declared either: Measure.leaders is the JSON text of the persons a measure names (责任领导 …), '' when none (graph/rows.py leaders_json), as in schema.ladybug.cypher.
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT task_id IF NOT EXISTS FOR (n:Task) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT measure_id IF NOT EXISTS FOR (n:Measure) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT unit_name IF NOT EXISTS FOR (n:Unit) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT government_name IF NOT EXISTS FOR (n:Government) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT deadline_id IF NOT EXISTS FOR (n:Deadline) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT target_id IF NOT EXISTS FOR (n:Target) REQUIRE n.id IS UNIQUE;
CREATE INDEX task_document IF NOT EXISTS FOR (n:Task) ON (n.document_id);
CREATE INDEX measure_document IF NOT EXISTS FOR (n:Measure) ON (n.document_id);
CREATE INDEX measure_deadline IF NOT EXISTS FOR (n:Measure) ON (n.deadline_date);
CREATE INDEX target_document IF NOT EXISTS FOR (n:Target) ON (n.document_id);
CREATE INDEX target_measure IF NOT EXISTS FOR (n:Target) ON (n.measure_id);
CREATE INDEX deadline_date IF NOT EXISTS FOR (n:Deadline) ON (n.date);
CREATE INDEX unit_government IF NOT EXISTS FOR (n:Unit) ON (n.government);
CREATE FULLTEXT INDEX measure_text IF NOT EXISTS FOR (n:Measure) ON EACH [n.text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE CONSTRAINT progress_id IF NOT EXISTS FOR (n:Progress) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT token_id IF NOT EXISTS FOR (n:Token) REQUIRE n.id IS UNIQUE;
CREATE INDEX progress_obligation IF NOT EXISTS FOR (n:Progress) ON (n.obligation_id);
CREATE INDEX progress_measure IF NOT EXISTS FOR (n:Progress) ON (n.measure_id);
CREATE INDEX progress_unit IF NOT EXISTS FOR (n:Progress) ON (n.unit);
CREATE INDEX token_name IF NOT EXISTS FOR (n:Token) ON (n.name);
CREATE CONSTRAINT maintenance_id IF NOT EXISTS FOR (n:Maintenance) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT search_state_id IF NOT EXISTS FOR (n:SearchState) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT progress_anchor_id IF NOT EXISTS FOR (n:ProgressAnchor) REQUIRE n.id IS UNIQUE;
CREATE INDEX progress_anchor_document IF NOT EXISTS FOR (n:ProgressAnchor) ON (n.document_id);
CREATE INDEX progress_anchor_target IF NOT EXISTS FOR (n:ProgressAnchor) ON (n.target);
CREATE CONSTRAINT link_decision_id IF NOT EXISTS FOR (n:LinkDecision) REQUIRE n.id IS UNIQUE;
CREATE INDEX link_decision_lower IF NOT EXISTS FOR (n:LinkDecision) ON (n.lower_id);
CREATE CONSTRAINT read_model_meta_key IF NOT EXISTS FOR (n:ReadModelMeta) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT unit_record_name IF NOT EXISTS FOR (n:UnitRecord) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT unit_record_chunk_key IF NOT EXISTS FOR (n:UnitRecordChunk) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT measure_record_id IF NOT EXISTS FOR (n:MeasureRecord) REQUIRE n.id IS UNIQUE;
CALL db.awaitIndexes(300);
