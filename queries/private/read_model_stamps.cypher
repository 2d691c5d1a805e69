// description: The freshness stamps a read-model record is built under: the graph generation and the unit's version now ('' when not written yet), and how many chunks its last build left
// params: name:str, meta:str=graph
// example: name=区财政局
// Read before a rebuild (see queries/read_model.py): a write landing during the build
// leaves the new record stale, never wrongly fresh.
OPTIONAL MATCH (g:ReadModelMeta {key: $meta})
OPTIONAL MATCH (r:UnitRecord {name: $name})
RETURN coalesce(g.generation, '') AS generation, coalesce(r.version, '') AS version,
       coalesce(r.chunks, 0) AS chunks
