// description: A unit's read-model record head (UTF-8 bytes: the head JSON, then its first rows) with what decides its freshness: the graph generation and the unit's version now, and those it was built at
// params: name:str, meta:str=graph
// example: name=区财政局
// Cost: two unique-key lookups, no row when either node is missing (the reader then
// rebuilds, reading `read_model_stamps`).  Not OPTIONAL MATCH, and the meta key as a
// parameter, not a literal: LadybugDB scans for either (0.3-0.5 ms against 0.1 ms).
// Neo4j's fetch and every store's `state` read it; the embedded store's fetch reads
// `read_model_record` then `read_model_generation` (cheaper in process than this join).
MATCH (g:ReadModelMeta {key: $meta})
MATCH (r:UnitRecord {name: $name})
RETURN g.generation AS generation, coalesce(r.version, '') AS version,
       r.built_generation AS built_generation, coalesce(r.built_version, '') AS built_version,
       r.token AS token, r.head_utf8 AS head, r.chunks AS chunks
