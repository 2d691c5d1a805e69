// description: Store a unit's read-model record: the head (unit, columns for filters and counts) with the first rows, the unit detail and its chunks of answer rows, stamped with the generation and version read BEFORE it was built
// params: name:str, generation:str, version:str, token:str, head:bytes, detail:str, chunks:list
// As read_model_put_unit.cypher, and drops the STRING texts a record of an older release
// kept (r.head, x.body: format 4 and before); LadybugDB drops those columns in its schema.
MERGE (r:UnitRecord {name: $name})
SET r.built_generation = $generation, r.built_version = $version, r.token = $token, r.head_utf8 = $head,
    r.detail = $detail, r.chunks = size($chunks)
REMOVE r.head
WITH r
UNWIND $chunks AS c
MERGE (x:UnitRecordChunk {key: c.key})
SET x.token = $token, x.body_utf8 = c.body
REMOVE x.body
