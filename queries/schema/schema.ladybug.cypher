// description: LadybugDB node and relationship tables (PRIMARY KEY = uniqueness + index on every lookup key); Progress, Token, Maintenance (the pending-link mark) and LinkDecision (reviewed link decisions) are free tables (no edges: reloads never touch them)
// description: LadybugDB node and relationship tables (PRIMARY KEY = uniqueness + index on every lookup key); Progress, Token, Maintenance (the pending-link mark) and SearchState (the search index's stamp, graph/search_index.py) are free tables (no edges: reloads never touch them)
// description: LadybugDB node and relationship tables (PRIMARY KEY = uniqueness + index on every lookup key); Progress, Token and Maintenance (the pending-link mark) are free tables (no edges: reloads never touch them); ReadModelMeta, UnitRecord, UnitRecordChunk and MeasureRecord hold the read model (queries/read_model.py, queries/measure_records.py): free tables, rebuilt from the named queries
// params: none
CREATE NODE TABLE IF NOT EXISTS Document(id STRING, title STRING, issuer STRING, doc_number STRING, level STRING, region STRING, published STRING, year INT64, source STRING, format STRING, implements_doc_numbers STRING[], implements_titles STRING[], PRIMARY KEY(id));
CREATE NODE TABLE IF NOT EXISTS Task(id STRING, document_id STRING, seq STRING, number INT64, title STRING, PRIMARY KEY(id));
CREATE NODE TABLE IF NOT EXISTS Measure(id STRING, document_id STRING, task_id STRING, task_seq STRING, task_number INT64, number INT64, clause INT64, text STRING, clause_text STRING, line INT64, open_ended BOOLEAN, deadline_text STRING, deadline_kind STRING, deadline_date STRING, deadline_action STRING, before_publication BOOLEAN, milestones STRING[], leaders STRING, PRIMARY KEY(id));
CREATE NODE TABLE IF NOT EXISTS Unit(name STRING, level STRING, kind STRING, government STRING, collective BOOLEAN, aliases STRING[], PRIMARY KEY(name));
CREATE NODE TABLE IF NOT EXISTS Government(name STRING, level STRING, region STRING, PRIMARY KEY(name));
CREATE NODE TABLE IF NOT EXISTS Deadline(id STRING, kind STRING, date STRING, PRIMARY KEY(id));
CREATE NODE TABLE IF NOT EXISTS Target(id STRING, measure_id STRING, document_id STRING, indicator STRING, op STRING, value DOUBLE, value_max DOUBLE, unit STRING, text STRING, PRIMARY KEY(id));
CREATE REL TABLE IF NOT EXISTS HAS_TASK(FROM Document TO Task);
CREATE REL TABLE IF NOT EXISTS HAS_MEASURE(FROM Task TO Measure);
CREATE REL TABLE IF NOT EXISTS LEADS(FROM Unit TO Measure, role STRING, `order` INT64, open_ended BOOLEAN, as_written STRING);
CREATE REL TABLE IF NOT EXISTS SUPPORTS(FROM Unit TO Measure, role STRING, `order` INT64, open_ended BOOLEAN, as_written STRING);
CREATE REL TABLE IF NOT EXISTS JOINTLY_RESPONSIBLE(FROM Unit TO Measure, role STRING, `order` INT64, open_ended BOOLEAN, as_written STRING);
CREATE REL TABLE IF NOT EXISTS DUE(FROM Measure TO Deadline, seq INT64, milestone BOOLEAN, text STRING, action STRING, before_publication BOOLEAN);
CREATE REL TABLE IF NOT EXISTS HAS_TARGET(FROM Measure TO Target);
CREATE REL TABLE IF NOT EXISTS MEMBER_OF(FROM Unit TO Government);
CREATE REL TABLE IF NOT EXISTS COLLECTIVE_OF(FROM Unit TO Government);
CREATE REL TABLE IF NOT EXISTS IMPLEMENTS(FROM Document TO Document, FROM Measure TO Measure, score DOUBLE, method STRING, is_primary BOOLEAN, evidence STRING);
CREATE REL TABLE IF NOT EXISTS FOLLOWS(FROM Task TO Task, method STRING, score DOUBLE);
CREATE REL TABLE IF NOT EXISTS COUNTERPART_OF(FROM Unit TO Unit, method STRING, score DOUBLE);
CREATE REL TABLE IF NOT EXISTS BRANCH_OF(FROM Unit TO Unit, method STRING, score DOUBLE);
CREATE REL TABLE IF NOT EXISTS CONTRIBUTES_TO(FROM Target TO Target, share DOUBLE, method STRING);
ALTER TABLE Document ADD IF NOT EXISTS stub BOOLEAN DEFAULT false;
ALTER TABLE Document ADD IF NOT EXISTS warnings STRING DEFAULT '';
ALTER TABLE IMPLEMENTS ADD IF NOT EXISTS is_primary BOOLEAN DEFAULT true;
ALTER TABLE IMPLEMENTS ADD IF NOT EXISTS evidence STRING DEFAULT '';
CREATE NODE TABLE IF NOT EXISTS Progress(id STRING, obligation_id STRING, measure_id STRING, unit STRING, seq INT64, at STRING, status STRING, text STRING, evidence STRING, percent DOUBLE, person STRING, agency STRING, token_name STRING, source STRING, PRIMARY KEY(id));
CREATE NODE TABLE IF NOT EXISTS Token(id STRING, name STRING, scope STRING, hash STRING, created_at STRING, revoked BOOLEAN, revoked_at STRING, PRIMARY KEY(id));
ALTER TABLE Document ADD IF NOT EXISTS report_cycle STRING;
CREATE NODE TABLE IF NOT EXISTS Maintenance(id STRING, pending BOOLEAN, PRIMARY KEY(id));
ALTER TABLE Measure ADD IF NOT EXISTS leaders STRING DEFAULT '';
ALTER TABLE Progress ADD IF NOT EXISTS measure_fp STRING DEFAULT '';
ALTER TABLE Progress ADD IF NOT EXISTS measure_text STRING DEFAULT '';
CREATE NODE TABLE IF NOT EXISTS ProgressAnchor(id STRING, document_id STRING, measure_id STRING, fingerprint STRING, target STRING, method STRING, score DOUBLE, snippet STRING, PRIMARY KEY(id));
CREATE NODE TABLE IF NOT EXISTS LinkDecision(id STRING, lower_id STRING, upper_id STRING, lower_fp STRING, upper_fp STRING, lower_text STRING, upper_text STRING, decision STRING, decided_by STRING, at STRING, source STRING, source_row STRING, note STRING, PRIMARY KEY(id));
ALTER TABLE CONTRIBUTES_TO ADD IF NOT EXISTS conversion STRING DEFAULT '';
CREATE NODE TABLE IF NOT EXISTS SearchState(id STRING, stamp STRING, PRIMARY KEY(id));
CREATE NODE TABLE IF NOT EXISTS ReadModelMeta(key STRING, generation STRING, PRIMARY KEY(key));
CREATE NODE TABLE IF NOT EXISTS UnitRecord(name STRING, version STRING, built_generation STRING, built_version STRING, token STRING, chunks INT64, detail STRING, head_utf8 BLOB, PRIMARY KEY(name));
CREATE NODE TABLE IF NOT EXISTS UnitRecordChunk(key STRING, token STRING, body_utf8 BLOB, PRIMARY KEY(key));
CREATE NODE TABLE IF NOT EXISTS MeasureRecord(id STRING, built_generation STRING, body STRING, PRIMARY KEY(id));
// Read-model format 5 (queries/read_model.py): a record's head and rows are kept as UTF-8 bytes (BLOB),
// sent as stored without a decode and an encode; a store of an older release drops the STRING
// columns (derived data: the records read as stale and are rebuilt) and gains the BLOBs.
ALTER TABLE UnitRecord ADD IF NOT EXISTS head_utf8 BLOB;
ALTER TABLE UnitRecord DROP IF EXISTS head;
ALTER TABLE UnitRecordChunk ADD IF NOT EXISTS body_utf8 BLOB;
ALTER TABLE UnitRecordChunk DROP IF EXISTS body;
