// description: A unit's read-model record alone: its head (UTF-8 bytes: the head JSON, then its first rows), the unit's version now and the stamps it was built at; the graph generation comes from `read_model_generation`
// params: name:str
// example: name=区财政局
// What the embedded store reads instead of `read_model_unit` (queries/read_model.py
// `_head_row`): two keyed reads in process cost less than one query joining the meta,
// whose plan copies the ~200 KB head once more (LadybugDB, 1,000 documents: ~0.12 +
// 0.03 ms against ~0.3 ms).  Neo4j keeps the one query (one round trip).
MATCH (r:UnitRecord {name: $name})
RETURN coalesce(r.version, '') AS version, r.built_generation AS built_generation,
       coalesce(r.built_version, '') AS built_version, r.token AS token, r.head_utf8 AS head, r.chunks AS chunks
