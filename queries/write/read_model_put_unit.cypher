// description: Store a unit's read-model record: the head (unit, columns for filters and counts) with the first rows, the unit detail and its chunks of answer rows, stamped with the generation and version read BEFORE it was built
// params: name:str, generation:str, version:str, token:str, head:bytes, detail:str, chunks:list
// head and each chunk's body are the UTF-8 JSON lines as stored (BLOB: read back as bytes
// and sent without a decode; see queries/read_model.py).
// chunks: [{key, body}] (key = name|i; a previous build's surplus chunks go with read_model_drop_chunks).
// `version` is not written: a progress write that lands while the record is built has
// set a newer one, and the record then reads as stale.
MERGE (r:UnitRecord {name: $name})
SET r.built_generation = $generation, r.built_version = $version, r.token = $token, r.head_utf8 = $head,
    r.detail = $detail, r.chunks = size($chunks)
WITH r
UNWIND $chunks AS c
MERGE (x:UnitRecordChunk {key: c.key})
SET x.token = $token, x.body_utf8 = c.body
