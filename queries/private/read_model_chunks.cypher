// description: Chunks of a unit's read-model rows by key (name|i), with the build token each was written by; body: UTF-8 bytes, one JSON row per line
// params: keys:list
// example: keys=区财政局|0
// Cost: one keyed lookup per chunk asked (a page of 100 rows: two or three).
UNWIND $keys AS k
MATCH (x:UnitRecordChunk {key: k})
RETURN x.key AS key, x.token AS token, x.body_utf8 AS body
